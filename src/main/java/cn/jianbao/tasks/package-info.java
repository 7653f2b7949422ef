/**
 * 待办: the steps waiting for a person, where they are: the list and the count, one decision
 * through the same door as the engine's completion (the trust boundary), and the notice that
 * tells everyone who may take a step the moment it arrives, withdrawn when someone decides.
 */
package cn.jianbao.tasks;
