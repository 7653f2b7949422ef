package cn.jianbao.system.security;

import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks passwords against Camunda's identity service (with its brute-force protection), so
 * Tasklist, /engine-rest and our API share one set of users. The principal is the active
 * {@link Person} from our directory; the authorities are its roles (ROLE_LEADER …) and the Camunda
 * groups they mean (GROUP_huangjiang-leaders …).
 */
@Component
@Order(2)
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    static final String GROUP_PREFIX = "GROUP_";

    private final IdentityService identity;
    private final Directory directory;

    CamundaIdentityAuthenticationProvider(IdentityService identity, Directory directory) {
        this.identity = identity;
        this.directory = directory;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        boolean valid;
        try {
            valid = userId != null && credentials != null && identity.checkPassword(userId, credentials.toString());
        } catch (RuntimeException e) {
            throw new InternalAuthenticationServiceException("密码暂时无法核对", e); // e.g. the database is away
        }
        if (!valid) {
            throw new BadCredentialsException("用户名或密码错误");
        }
        return signedIn(directory, userId);
    }

    /** The authentication of a registered, active person; refused for anyone else. */
    static Authentication signedIn(Directory directory, String userId) {
        Person person;
        try {
            person = directory.person(userId)
                    .orElseThrow(() -> new BadCredentialsException("用户未登记在任何单位，或已停用，请联系管理员"));
        } catch (BadCredentialsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InternalAuthenticationServiceException("用户信息暂时无法读取", e);
        }
        return UsernamePasswordAuthenticationToken.authenticated(person, null, authorities(person));
    }

    static List<GrantedAuthority> authorities(Person person) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        person.sortedRoles().forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r.name())));
        person.groups().forEach(g -> authorities.add(new SimpleGrantedAuthority(GROUP_PREFIX + g)));
        return authorities;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    static List<String> groupIds(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(GROUP_PREFIX))
                .map(a -> a.substring(GROUP_PREFIX.length()))
                .toList();
    }
}
