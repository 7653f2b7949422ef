/**
 * The vocabulary of our BPMN models, shared by every module that works with them: process keys,
 * task keys with the variables their completion may carry, and decisions. No behaviour here.
 */
package cn.jianbao.process;
