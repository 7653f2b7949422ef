package cn.jianbao.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.RepositoryService;
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
 * Nothing is deployed again while nothing changed.
 */
@Component
class ProcessDeployment implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ProcessDeployment.class);
    private static final String[] FOLDERS = {"processes", "forms"};

    private final RepositoryService repository;

    ProcessDeployment(RepositoryService repository) {
        this.repository = repository;
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        var resolver = new PathMatchingResourcePatternResolver(getClass().getClassLoader());
        DeploymentBuilder deployment = repository.createDeployment().name("jianbao").source("jianbao")
                // false: when anything changed, everything is deployed again together, so a model's new
                // version carries the current forms (true would deploy a changed form alone, and tasks
                // would go on resolving the old one from their model's deployment)
                .enableDuplicateFiltering(false);
        int count = 0;
        for (String folder : FOLDERS) {
            if (!resolver.getResource("classpath:" + folder + "/").exists()) {
                continue;
            }
            for (Resource resource : resolver.getResources("classpath:" + folder + "/*.*")) {
                try (InputStream in = resource.getInputStream()) {
                    deployment.addInputStream(folder + "/" + resource.getFilename(), in);
                    count++;
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + resource, e);
                }
            }
        }
        var result = deployment.deployWithResult();
        log.info("Deployed {} model and form resources (deployment {})", count, result.getId());
    }
}
