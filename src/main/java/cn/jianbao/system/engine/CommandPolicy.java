package cn.jianbao.system.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.AbstractQuery;

/**
 * What each kind of engine command is, as the trust boundary sees it when a person issues it
 * (through Camunda's REST API, the webapps or our code acting for them). Every command class of
 * the engine and the webapps is classified, so a new Camunda (or Operaton) version that adds one
 * fails {@code CommandPolicyTest} instead of opening a door; an unlisted class is refused.
 */
final class CommandPolicy {

    enum Kind {
        /** Reads; the engine's authorizations decide what is visible. */
        READ,
        /**
         * Network-wide figures (instances per model, metrics, duration reports): Cockpit's, for those
         * who may open Cockpit (auditors, administrators). The engine counts every instance of a model
         * its reader may read, whoever's unit they belong to.
         */
        STATISTICS,
        /** Working a task the caller holds: complete it, claim it, comment on it. Not for auditors. */
        WORK,
        /** Starting an information item from Tasklist's start form: liaisons, under the start rules. */
        START,
        /** Assignees, candidates, delegation, due dates: the office only. */
        MANAGE,
        /** Jobs, incidents, suspension, locked-out users: administrators only. */
        ADMIN,
        /** Moves a path, rewrites variables or history, deploys models, writes identities: only the application itself. */
        PROTECTED
    }

    private static final Map<String, Kind> KINDS = new HashMap<>();

    private static void put(Kind kind, List<String> names) {
        names.forEach(n -> KINDS.put(n, kind));
    }

    static {
        put(Kind.READ, List.of("AuthorizationCheckCmd", "DetermineHistoryLevelCmd", "ExecuteFilterCountCmd",
                "ExecuteFilterListCmd", "ExecuteFilterListPageCmd", "ExecuteFilterSingleResultCmd",
                "ManagementServiceImpl$GetRegisteredDeploymentsCmd"));
        put(Kind.STATISTICS, List.of("TaskReportImpl$TaskCountByCandidateGroupCmd",
                "MetricsQueryImpl$MetricsQueryIntervalCmd", "MetricsQueryImpl$MetricsQuerySumCmd",
                "HistoricProcessInstanceReportImpl$ExecuteDurationReportCmd",
                "HistoricTaskInstanceReportImpl$ExecuteDurationCmd",
                "HistoricTaskInstanceReportImpl$HistoricTaskInstanceCountByNameCmd",
                "HistoricTaskInstanceReportImpl$HistoricTaskInstanceCountByProcessDefinitionKey",
                "ProcessDefinitionStatisticsQueryImpl", "ActivityStatisticsQueryImpl", "DeploymentStatisticsQueryImpl",
                "BatchStatisticsQueryImpl", "HistoricActivityStatisticsQueryImpl",
                "HistoricCaseActivityStatisticsQueryImpl", "HistoricDecisionInstanceStatisticsQueryImpl",
                "CleanableHistoricProcessInstanceReportImpl", "CleanableHistoricDecisionInstanceReportImpl",
                "CleanableHistoricCaseInstanceReportImpl", "CleanableHistoricBatchReportImpl",
                "GetUniqueTaskWorkerCountCmd", "GetTelemetryDataCmd"));
        put(Kind.WORK, List.of("CompleteTaskCmd", "SubmitTaskFormCmd", "ClaimTaskCmd", "AddCommentCmd"));
        put(Kind.START, List.of("StartProcessInstanceCmd", "SubmitStartFormCmd"));
        put(Kind.MANAGE, List.of("AssignTaskCmd", "SetTaskOwnerCmd", "DelegateTaskCmd", "ResolveTaskCmd",
                "AddGroupIdentityLinkCmd", "AddUserIdentityLinkCmd", "DeleteGroupIdentityLinkCmd",
                "DeleteUserIdentityLinkCmd", "SaveTaskCmd", "SetTaskDueDateCmd", "SetTaskFollowUpDateCmd",
                "SetTaskPriorityCmd", "SetTaskNameCmd", "SetTaskDescriptionCmd"));
        put(Kind.ADMIN, List.of(
                // a user locked out by Camunda's brute-force protection
                "UnlockUserCmd",
                // keeping the engine running: retries, incidents, suspension, batches, telemetry
                "SetJobRetriesCmd", "SetJobsRetriesBatchCmd", "SetJobsRetriesByProcessBatchCmd", "SetJobPriorityCmd",
                "SetJobDefinitionPriorityCmd", "ActivateJobCmd", "SuspendJobCmd", "ActivateJobDefinitionCmd",
                "SuspendJobDefinitionCmd", "UnlockJobCmd", "ResolveIncidentCmd", "SetAnnotationForIncidentCmd",
                "SetAnnotationForOperationLog", "ActivateBatchCmd", "SuspendBatchCmd", "DeleteBatchCmd",
                "SuspendProcessDefinitionCmd", "ActivateProcessDefinitionCmd", "SuspendProcessInstanceCmd",
                "ActivateProcessInstanceCmd", "UpdateProcessInstancesSuspendStateCmd",
                "UpdateProcessInstancesSuspendStateBatchCmd", "TelemetryConfigureCmd", "DeleteMetricsCmd",
                "DeleteTaskMetricsCmd", "SetPropertyCmd", "DeletePropertyCmd", "SetLicenseKeyCmd",
                "DeleteLicenseKeyCmd", "HistoryCleanupCmd", "CreateMigrationPlanCmd", "EvaluateDecisionCmd",
                "EvaluateDecisionTableCmd", "RegisterDeploymentCmd", "UnregisterDeploymentCmd",
                "RegisterProcessApplicationCmd", "UnregisterProcessApplicationCmd"));
        put(Kind.PROTECTED, List.of(
                // a password check: only our login (through its locks) asks, never a person through the
                // engine (Camunda's REST /identity/verify would be a guessing door past the locks)
                "CheckPassword",
                // identities, authorizations and Tasklist filters follow our directory (DirectoryAdmin):
                // Camunda Admin is read-only there, so there is never a second, diverging list
                "CreateUserCmd", "SaveUserCmd", "DeleteUserCmd", "CreateGroupCmd", "SaveGroupCmd", "DeleteGroupCmd",
                "CreateMembershipCmd", "DeleteMembershipCmd", "CreateTenantCmd", "SaveTenantCmd", "DeleteTenantCmd",
                "CreateTenantUserMembershipCmd", "DeleteTenantUserMembershipCmd", "CreateTenantGroupMembershipCmd",
                "DeleteTenantGroupMembershipCmd", "SetUserInfoCmd", "DeleteUserInfoCmd", "SetUserPictureCmd",
                "DeleteUserPictureCmd", "CreateAuthorizationCommand", "SaveAuthorizationCmd",
                "DeleteAuthorizationCmd", "CreateFilterCmd", "SaveFilterCmd", "DeleteFilterCmd",
                // starting elsewhere than the start event, modifying, migrating, restarting
                "StartProcessInstanceAtActivitiesCmd", "ModifyProcessInstanceCmd", "ModifyProcessInstanceAsyncCmd",
                "ProcessInstanceModificationCmd", "ProcessInstanceModificationBatchCmd", "ActivityAfterInstantiationCmd",
                "ActivityBeforeInstantiationCmd", "ActivityCancellationCmd", "ActivityInstanceCancellationCmd",
                "TransitionInstantiationCmd", "TransitionInstanceCancellationCmd", "RestartProcessInstancesCmd",
                "RestartProcessInstancesBatchCmd", "MigrateProcessInstanceCmd", "MigrateProcessInstanceBatchCmd",
                "SetProcessDefinitionVersionCmd", "EvaluateStartConditionCmd",
                // messages and signals that move a path
                "CorrelateMessageCmd", "CorrelateAllMessageCmd", "CorrelateAllMessageBatchCmd",
                "MessageEventReceivedCmd", "SignalCmd", "SignalEventReceivedCmd", "HandleTaskBpmnErrorCmd",
                "HandleTaskEscalationCmd",
                // variables steer gateways and delegates
                "SetExecutionVariablesCmd", "RemoveExecutionVariablesCmd", "PatchExecutionVariablesCmd",
                "SetTaskVariablesCmd", "RemoveTaskVariablesCmd", "PatchTaskVariablesCmd",
                "SetVariablesToProcessInstancesBatchCmd", "CaseExecutionVariableCmd",
                // deleting instances, tasks and the record of what happened
                "DeleteProcessInstanceCmd", "DeleteProcessInstancesCmd", "DeleteProcessInstanceBatchCmd",
                "DeleteHistoricProcessInstancesCmd", "DeleteHistoricProcessInstancesBatchCmd",
                "DeleteHistoricTaskInstanceCmd", "DeleteHistoricVariableInstanceCmd",
                "DeleteHistoricVariableInstancesByProcessInstanceIdCmd", "DeleteHistoricDecisionInstanceByDefinitionIdCmd",
                "DeleteHistoricDecisionInstanceByInstanceIdCmd", "DeleteHistoricDecisionInstancesBatchCmd",
                "DeleteHistoricDecisionInstancesBulkCmd", "DeleteHistoricCaseInstanceCmd",
                "DeleteHistoricCaseInstancesBulkCmd", "DeleteHistoricBatchCmd", "DeleteUserOperationLogEntryCmd",
                "SetRemovalTimeToHistoricProcessInstancesCmd", "SetRemovalTimeToHistoricDecisionInstancesCmd",
                "SetRemovalTimeToHistoricBatchesCmd", "UpdateProcessDefinitionHistoryTimeToLiveCmd",
                "UpdateDecisionDefinitionHistoryTimeToLiveCmd", "UpdateCaseDefinitionHistoryTimeToLiveCmd",
                "UpdateCommentCmd", "DeleteTaskCommentCmd", "DeleteProcessInstanceCommentCmd", "DeleteTaskCmd",
                "CreateTaskCmd", "DeleteJobCmd", "DeleteJobsCmd", "CreateIncidentCmd",
                // models ship with the application: a deployed expression could call any bean
                "DeployCmd", "DeleteDeploymentCmd", "DeleteProcessDefinitionsByIdsCmd",
                "DeleteProcessDefinitionsByKeyCmd", "AddIdentityLinkForProcessDefinitionCmd",
                "DeleteIdentityLinkForProcessDefinitionCmd",
                // files go through our service and its read policy, not into Camunda's tables
                "CreateAttachmentCmd", "SaveAttachmentCmd", "DeleteAttachmentCmd",
                // timers run when they are due, by the job executor
                "ExecuteJobsCmd", "SetJobDuedateCmd", "RecalculateJobDuedateCmd",
                // we have no external tasks or cases
                "FetchExternalTasksCmd", "LockExternalTaskCmd", "UnlockExternalTaskCmd", "ExtendLockOnExternalTaskCmd",
                "CompleteExternalTaskCmd", "HandleExternalTaskFailureCmd", "HandleExternalTaskBpmnErrorCmd",
                "SetExternalTaskRetriesCmd", "SetExternalTasksRetriesCmd", "SetExternalTasksRetriesBatchCmd",
                "SetExternalTaskPriorityCmd", "CreateCaseInstanceCmd", "ManualStartCaseExecutionCmd",
                "DisableCaseExecutionCmd", "ReenableCaseExecutionCmd", "CompleteCaseExecutionCmd",
                "CloseCaseInstanceCmd", "TerminateCaseExecutionCmd",
                // the engine's own housekeeping, run by the engine without a user
                "AcquireJobsCmd", "DefaultJobRetryCmd", "FailedJobListener", "FailedJobListener$FailedJobListenerCmd",
                "SuccessfulJobListener", "RepeatingFailedJobListener$CreateNewTimerJobCommand",
                "HistoryCleanupHandler$HistoryCleanupHandlerCmd", "HistoryCleanupSchedulerCmd",
                "MetricsCollectionTask$MetricsCollectionCmd", "DbMetricsReporter$ReportDbMetricsValueCmd",
                "ReportDbMetricsCmd", "DeploymentFailListener$DeleteDeploymentListenerCmd",
                "DeleteDeploymentFailListener$DeleteDeploymentFailCmd", "GetNextIdBlockCmd",
                "GetUnlockedTimersByDuedateCmd", "PurgeDatabaseAndCacheCmd", "BootstrapEngineCommand",
                "HistoryLevelSetupCommand", "SchemaOperationsProcessEngineBuild", "SchemaOperationProcessEngineClose",
                "ManagementServiceImpl$DbSchemaUpgradeCmd", "DbSchemaDrop$1", "DbSchemaPrune$1",
                "DbSchemaExecuteFile$1"));
    }

    private CommandPolicy() {
    }

    /** The kind of a command class, or null when it is not classified (and so refused to people). */
    static Kind kindOf(Class<?> type) {
        String name = type.getName();
        String simple = name.substring(name.lastIndexOf('.') + 1);
        Kind listed = KINDS.get(simple);
        if (listed != null) {
            return listed;
        }
        if (simple.contains("Statistics") || simple.contains("Report") || simple.startsWith("Metrics")) {
            return Kind.STATISTICS; // a figure over everyone's work, also in a Camunda version yet to come
        }
        if (AbstractQuery.class.isAssignableFrom(type) || simple.endsWith("QueryImpl") || simple.endsWith("ReportImpl")
                || simple.matches("(Get|Is|Find)[A-Za-z]+(Cmd|CmdTyped)") || simple.matches("Create[A-Za-z]+QueryCmd")
                || simple.matches("Optimize[A-Za-z]+QueryCmd")) {
            return Kind.READ;
        }
        // the webapps' own commands (Cockpit's and Tasklist's list queries) only read
        if (name.startsWith("org.camunda.bpm.webapp.") || name.startsWith("org.camunda.bpm.cockpit.")
                || name.startsWith("org.camunda.bpm.tasklist.") || name.startsWith("org.camunda.bpm.admin.")) {
            return simple.contains("$Query") || simple.contains("$Execute") || simple.contains("RowCount")
                    ? Kind.READ : null;
        }
        return null;
    }
}
