package cn.jianbao.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.RepositoryService;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys processes/ and forms/ under their relative names (processes/submission.bpmn,
 * forms/revise.html), so {@code embedded:deployment:forms/…} resolves wherever the
 * application runs; the starter's auto-deployment would name them by absolute file path.
 * Nothing is deployed again while nothing changed (compared with the last deployment).
 */
@Component
class ProcessDeployment implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ProcessDeployment.class);
    private static final String[] FOLDERS = {"processes", "forms"};
    private static final String NAME = "jianbao";

    private final RepositoryService repository;

    ProcessDeployment(RepositoryService repository) {
        this.repository = repository;
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        var resolver = new PathMatchingResourcePatternResolver(getClass().getClassLoader());
        Map<String, byte[]> resources = new TreeMap<>();
        for (String folder : FOLDERS) {
            if (!resolver.getResource("classpath:" + folder + "/").exists()) {
                continue;
            }
            for (Resource resource : resolver.getResources("classpath:" + folder + "/*.*")) {
                if (resource.getFilename() != null && resource.getFilename().endsWith(".dmn")) {
                    continue; // rule tables are the office's once installed (assessment.RuleBook deploys them)
                }
                try (InputStream in = resource.getInputStream()) {
                    resources.put(folder + "/" + resource.getFilename(), in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + resource, e);
                }
            }
        }
        if (sameAsLastDeployment(resources)) {
            log.info("Models and forms unchanged since the last deployment");
            return;
        }
        // when anything changed, everything is deployed again together, so a model's new version
        // carries the current forms (Camunda's duplicate filtering would deploy a changed form
        // alone, and tasks would go on resolving the old one from their model's deployment)
        DeploymentBuilder deployment = repository.createDeployment().name(NAME).source(NAME)
                .enableDuplicateFiltering(false);
        resources.forEach((name, bytes) -> deployment.addInputStream(name, new ByteArrayInputStream(bytes)));
        var result = deployment.deployWithResult();
        log.info("Deployed {} model and form resources (deployment {})", resources.size(), result.getId());
    }

    private boolean sameAsLastDeployment(Map<String, byte[]> resources) {
        Deployment last = repository.createDeploymentQuery().deploymentName(NAME).orderByDeploymentTime().desc()
                .listPage(0, 1).stream().findFirst().orElse(null);
        if (last == null) {
            return false;
        }
        List<org.camunda.bpm.engine.repository.Resource> deployed = repository.getDeploymentResources(last.getId());
        if (deployed.size() != resources.size()) {
            return false;
        }
        for (org.camunda.bpm.engine.repository.Resource r : deployed) {
            byte[] ours = resources.get(r.getName());
            if (ours == null || !Arrays.equals(ours, r.getBytes())) {
                return false;
            }
        }
        return true;
    }
}
