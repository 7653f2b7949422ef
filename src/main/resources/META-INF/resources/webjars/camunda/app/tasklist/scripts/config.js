/*
 * Jianbao: Tasklist configuration (shadows the file of the same path in camunda-webapp-webjar).
 *
 * Tasklist imports this file as an ES module and uses its default export as
 * window.camTasklistConf. Of availableLocales it takes the one matching the browser's first
 * language (navigator.languages[0], e.g. "zh-CN" -> "zh") and otherwise fallbackLocale;
 * translations come from ../locales/<locale>.json. Our users work in Chinese whatever their
 * browser says, so Chinese (locales/zh.json) is the locale unless the user chose English on
 * the home page, which stores localStorage "jianbao.locale" = "en" for this origin.
 */
// the office's time zone (window.JIANBAO_SETTINGS), for js/step-form.js and js/tasklist-time.js
try {
  await import('/js/settings.js');
} catch (e) {
  // not reachable: times stay in the browser's zone
}

var english = false;
try {
  english = window.localStorage.getItem('jianbao.locale') === 'en';
} catch (e) {
  // storage unavailable: stay with Chinese
}

export default {
  // js/tasklist.js, served by the application: 返回首页, our logout, the claim hint
  customScripts: ['../../../js/tasklist.js'],

  // an AngularJS module for Tasklist itself: times in the office's zone (js/tasklist-time.js)
  requireJsConfig: {
    deps: ['jianbao-time'],
    paths: { 'jianbao-time': '/js/tasklist-time' },
    ngDeps: ['jianbao.time']
  },

  app: {
    vendor: english ? 'Jianbao' : '简报信息报送系统',
    name: english ? 'Tasklist' : '任务列表'
  },

  locales: {
    availableLocales: english ? ['en'] : ['zh'],
    fallbackLocale: english ? 'en' : 'zh'
  },

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: english ? 'claims the currently selected task' : '认领当前选中的任务'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: english ? 'set the focus to the first filter in the list' : '将焦点移到第一个筛选器'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: english ? 'sets the focus to the first task in the list' : '将焦点移到列表中的第一个任务'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: english ? 'sets the focus to the first input field in a task form' : '将焦点移到任务表单的第一个输入框'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: english ? 'opens the start process modal dialog' : '打开“启动流程”对话框'
    }
  }
};
