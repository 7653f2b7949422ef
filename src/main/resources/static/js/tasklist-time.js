// Loaded into Camunda's Tasklist (scripts/config.js, requireJsConfig): Tasklist formats every
// time with moment in the browser's zone; we show the office's (jianbao.time-zone, from
// /js/settings.js) instead, so a task created at 09:00 Beijing time reads 09:00 everywhere.
define('jianbao-time', ['angular'], function (angular) {
  'use strict';

  var zone = (window.JIANBAO_SETTINGS && window.JIANBAO_SETTINGS.timeZone) || 'Asia/Shanghai';
  var parts;
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric',
      month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  } catch (e) {
    parts = null; // unknown zone: leave the browser's
  }

  // A Date whose local fields read the office's wall-clock time at that instant: moment then
  // formats it as if the browser were in the office's zone. Display only, never sent back.
  function officeWallClock(value) {
    var d = typeof value === 'number' ? new Date(value)
      : value instanceof Date ? value
      : typeof value === 'string' ? new Date(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) : null;
    if (!parts || !d || isNaN(d.getTime())) { return value; }
    var p = {};
    parts.formatToParts(d).forEach(function (x) { p[x.type] = x.value; });
    return new Date(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second, d.getMilliseconds());
  }

  angular.module('jianbao.time', []).config(['$provide', function ($provide) {
    $provide.decorator('camDateFilter', ['$delegate', function ($delegate) {
      return function (value, format) {
        return value ? $delegate(officeWallClock(value), format) : $delegate(value, format);
      };
    }]);
  }]);

  return { zone: zone, officeWallClock: officeWallClock };
});
