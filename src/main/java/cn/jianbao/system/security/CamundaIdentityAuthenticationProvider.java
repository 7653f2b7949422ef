package cn.jianbao.system.security;

import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks passwords against Camunda's identity service, so Tasklist, /engine-rest and our API
 * share one set of users. The principal is the {@link Person} from our directory; the
 * authorities are the role (ROLE_LEADER …) and the Camunda groups (GROUP_huangjiang-leaders …).
 */
@Component
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
        if (userId == null || credentials == null || !identity.checkPassword(userId, credentials.toString())) {
            throw new BadCredentialsException("用户名或密码错误");
        }
        Person person = directory.person(userId)
                .orElseThrow(() -> new BadCredentialsException("用户未登记在任何单位，请联系管理员"));
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + person.role().name()));
        identity.createGroupQuery().groupMember(userId).list()
                .forEach(g -> authorities.add(new SimpleGrantedAuthority(GROUP_PREFIX + g.getId())));
        return UsernamePasswordAuthenticationToken.authenticated(person, null, authorities);
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
