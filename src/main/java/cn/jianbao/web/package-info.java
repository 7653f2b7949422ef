/**
 * How refusals reach people: problem details (RFC 9457) in Chinese, the same from our API,
 * from Camunda's REST API and from the webapps' engine API. Depends on no business module.
 */
package cn.jianbao.web;
