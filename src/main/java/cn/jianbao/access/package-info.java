/**
 * The read policy: who may read an item, its documents, its trail, an issue and a search hit.
 * Classifications are defined here because they are part of that answer.
 */
package cn.jianbao.access;
