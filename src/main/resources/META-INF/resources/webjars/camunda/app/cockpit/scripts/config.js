/*
 * Jianbao: Cockpit configuration (shadows the file of the same path in camunda-webapp-webjar).
 * Imported as an ES module; see ../../tasklist/scripts/config.js for how the locale is chosen:
 * Chinese (locales/zh.json) unless the user chose English on the home page.
 */
var english = false;
try {
  english = window.localStorage.getItem('jianbao.locale') === 'en';
} catch (e) {
  // storage unavailable: stay with Chinese
}

export default {
  app: {
    vendor: english ? 'Jianbao' : '简报信息报送系统',
    name: english ? 'Cockpit' : '流程监控'
  },

  locales: {
    availableLocales: english ? ['en'] : ['zh'],
    fallbackLocale: english ? 'en' : 'zh'
  }
};
