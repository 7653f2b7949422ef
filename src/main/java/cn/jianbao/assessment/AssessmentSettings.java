package cn.jianbao.assessment;

/**
 * Policy switches (README "Assessment"). The 2024 central rules against formalism reportedly bar
 * using leaders' 批示 and publication counts to assess grassroots units, and public points
 * rankings are being curbed; so by default rankings are the office's, other units' points are
 * hidden and 批示 earn no points. Administrators change them; the office always sees everything.
 *
 * @param rankPublicly      units see the ranking of all units (else only their own row)
 * @param showOthersPoints  units see other units' points in that ranking
 * @param scoreInstructions 批示 earn points (else they are recorded without points)
 */
public record AssessmentSettings(boolean rankPublicly, boolean showOthersPoints, boolean scoreInstructions) {
}
