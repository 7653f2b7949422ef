package cn.jianbao.system.security;

import cn.jianbao.directory.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.ldap.core.support.BaseLdapPathContextSource;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.ldap.DefaultSpringSecurityContextSource;
import org.springframework.security.ldap.authentication.BindAuthenticator;
import org.springframework.security.ldap.search.FilterBasedLdapUserSearch;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Enterprise login: the password is checked by the office's LDAP / Active Directory (a bind as
 * the user); who the person is, their unit and roles still come from our directory, matched by
 * user id, so someone in LDAP but not registered (or deactivated) here does not get in. Local
 * accounts (e.g. {@code admin}) keep working through Camunda's password check after it.
 */
@Component
@Order(1)
@ConditionalOnProperty(name = "jianbao.ldap.enabled", havingValue = "true")
@EnableConfigurationProperties(LdapLogin.Settings.class)
class LdapLogin implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(LdapLogin.class);

    /**
     * {@code jianbao.ldap.*}: the server URL with its base (ldap://host:389/dc=example,dc=cn), and either
     * DN patterns relative to the base (uid={0},ou=people) or a search (base ou=people, filter
     * (sAMAccountName={0}), with a manager account where anonymous search is not allowed).
     */
    @ConfigurationProperties("jianbao.ldap")
    record Settings(boolean enabled, String url, String userDnPatterns, String userSearchBase,
                    String userSearchFilter, String managerDn, String managerPassword) {
    }

    private final BindAuthenticator authenticator;
    private final Directory directory;

    LdapLogin(Settings settings, Directory directory) throws Exception {
        this.directory = directory;
        DefaultSpringSecurityContextSource source = new DefaultSpringSecurityContextSource(settings.url());
        if (StringUtils.hasText(settings.managerDn())) {
            source.setUserDn(settings.managerDn());
            source.setPassword(settings.managerPassword());
        }
        source.afterPropertiesSet();
        this.authenticator = new BindAuthenticator((BaseLdapPathContextSource) source);
        if (StringUtils.hasText(settings.userDnPatterns())) {
            authenticator.setUserDnPatterns(settings.userDnPatterns().split(";"));
        }
        if (StringUtils.hasText(settings.userSearchFilter())) {
            authenticator.setUserSearch(new FilterBasedLdapUserSearch(
                    settings.userSearchBase() == null ? "" : settings.userSearchBase(), settings.userSearchFilter(), source));
        }
        authenticator.afterPropertiesSet();
        log.info("LDAP login enabled against {}", settings.url());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        if (userId == null || authentication.getCredentials() == null
                || authentication.getCredentials().toString().isEmpty()) {
            throw new BadCredentialsException("用户名或密码错误"); // an empty password would be an anonymous bind
        }
        try {
            authenticator.authenticate(authentication);
        } catch (AuthenticationException e) {
            throw new BadCredentialsException("用户名或密码错误");
        } catch (RuntimeException e) {
            // the directory server is away: local accounts can still log in after us
            log.warn("LDAP login unavailable: {}", e.getMessage());
            throw new BadCredentialsException("用户名或密码错误");
        }
        return CamundaIdentityAuthenticationProvider.signedIn(directory, userId);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
