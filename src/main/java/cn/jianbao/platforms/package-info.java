/**
 * The office's WeCom (企业微信, also private deployments such as 政务微信) and DingTalk (钉钉)
 * applications: a card message to one person, and who a sign-in code from the platform's web
 * authorisation belongs to. Each is on when its settings ({@code jianbao.wecom.*},
 * {@code jianbao.dingtalk.*}) are complete. Knows nothing of our people: the directory maps
 * platform accounts to them, the notification service and the sign-in use these.
 */
package cn.jianbao.platforms;
