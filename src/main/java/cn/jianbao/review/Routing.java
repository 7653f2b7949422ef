package cn.jianbao.review;

import cn.jianbao.directory.Groups;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Who gets an item's tasks, read from our submission table rather than from process
 * variables: anyone working a task may change its process variables through Camunda's REST
 * API, so routing by a variable would let them re-route the item to another unit. The engine
 * boundary evaluates these same expressions again when a task is completed or assigned, so the
 * decision is always taken by the group the model names.
 */
@Component("routing")
public class Routing {

    private final ProcessItems items;

    Routing(ProcessItems items) {
        this.items = items;
    }

    /** The leaders' group of the unit that submitted the item. */
    public String leadersOf(DelegateExecution execution) {
        return Groups.leaders(items.of(execution).unit().code());
    }

    /** The liaisons' group of that unit: any of them may revise a returned item. */
    public String liaisonsOf(DelegateExecution execution) {
        return Groups.liaisons(items.of(execution).unit().code());
    }

    /** The liaison who submitted the item, who gets the returned item first. */
    public String liaisonOf(DelegateExecution execution) {
        return items.of(execution).liaisonId();
    }
}
