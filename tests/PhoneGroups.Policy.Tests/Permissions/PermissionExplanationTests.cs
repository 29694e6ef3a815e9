using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Explanations;

namespace PhoneGroups.Policy.Tests.Permissions;

/// <summary>The sentences for calls a permission decided: the permission, its level, the pattern, what happens next.</summary>
public class PermissionExplanationTests
{
    private static readonly CompiledPolicy Policy = TestPolicies.Load(PermissionPolicies.Precedence);

    private static string Explain(string? from, string to, string? outside = null) => DecisionExplainer.Explain(Policy.Decide(from, to, outside));

    [Fact]
    public void Explain_UserAllow()
    {
        Assert.Equal(
            "2002 (Sales) may call 011441234567: permission 'Director abroad' (user 2002, pattern _011.) allows it. "
                + "It dials PJSIP/011441234567@trunk-intl with caller ID 5550100; if that fails: Backup.",
            Explain("2002", "011441234567"));
    }

    [Fact]
    public void Explain_RouteDeny_SaysOtherRoutesAreNotTried()
    {
        Assert.Equal(
            "2001 (Sales) may not call 19001234567: permission 'No premium' (route Premium, pattern _1900.) denies it; other routes are not tried instead.",
            Explain("2001", "19001234567"));
    }

    [Fact]
    public void Explain_SeveralPasswords_NamesEveryPermission()
    {
        Assert.StartsWith(
            "2004 (Sales) may call 01144201234 only with the password of permission 'UK needs a code' or 'UK second code' (user 2004, pattern _01144.). With it, it dials",
            Explain("2004", "01144201234"), StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_IncomingChallenge_ToAnExtension()
    {
        Assert.Equal(
            "5551234 (from outside) may call 1000 (Reception) only with the password of permission 'Night line' (calls from outside to 1000, caller number pattern _X.). "
                + "With it, the call is bridged to PJSIP/1000.",
            Explain(null, "1000", "5551234"));
    }

    [Fact]
    public void Explain_UserDenyOfAnInternalCall()
    {
        Assert.Equal(
            "2001 (Sales) may not call 1000 (Reception): permission 'No Reception' (user 2001, pattern 1000) denies it.",
            Explain("2001", "1000"));
    }
}
