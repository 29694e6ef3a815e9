using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Explanations;

namespace PhoneGroups.Policy.Tests.Explanations;

public class DecisionExplainerTests
{
    private static readonly CompiledPolicy Policy = TestPolicies.Load(TestPolicies.DecisionTable);

    private static string Explain(string? from, string to, CompiledPolicy? policy = null) =>
        DecisionExplainer.Explain((policy ?? Policy).Decide(from, to));

    [Theory]
    [InlineData("1001", "2001",
        "1001 (Finance, isolated) may not call 2001 (Sales, isolated): 2001 is outside Finance and matches none of Finance's allowed patterns _7XXX, _8[0-5]XXXXXXX, *80, 911.")]
    [InlineData("1001", "1002",
        "1001 (Finance, isolated) may call 1002 (Finance, isolated): both are in Finance. The call is bridged to PJSIP/1002-desk.")]
    [InlineData("1001", "7001",
        "1001 (Finance, isolated) may call 7001 (Lab): 7001 is outside Finance but matches its allowed pattern _7XXX. The call is bridged to PJSIP/7001.")]
    [InlineData("3001", "1001",
        "3001 (Management) may call 1001 (Finance, isolated): Management is not isolated, so its members may call any extension. The call is bridged to PJSIP/1001.")]
    [InlineData("1001", "5551234",
        "1001 (Finance, isolated) may not call 5551234: 5551234 is an external number and matches none of Finance's allowed patterns _7XXX, _8[0-5]XXXXXXX, *80, 911.")]
    [InlineData("1001", "*80",
        "1001 (Finance, isolated) may not call *80: *80 is allowed for Finance by pattern *80, but no route's patterns match it.")]
    [InlineData("3001", "12",
        "3001 (Management) may not call 12: no route's patterns match 12.")]
    [InlineData("4001", "18005551234",
        "4001 (Support) may not call 18005551234: 18005551234 matches routes TollFree, Backup, but Support may use only Local.")]
    [InlineData("6001", "5551234",
        "6001 (Closed) may not call 5551234: 5551234 matches routes Local, Backup, but Closed may use no outbound routes.")]
    [InlineData("4001", "5551234",
        "4001 (Support) may call 5551234: it matches route Local (pattern _NXXXXXX), which Support may use. It dials PJSIP/5551234@trunk-a with caller ID 5550200.")]
    [InlineData("1001", "850000000",
        "1001 (Finance, isolated) may call 850000000: it matches route Regional (pattern _8XXXXXXXX), which Finance may use; 850000000 is allowed for Finance by pattern _8[0-5]XXXXXXX. It dials PJSIP/850000000@trunk-a.")]
    [InlineData("3001", "18005551234",
        "3001 (Management) may call 18005551234: it matches route TollFree (pattern _1800NXXXXXX) and Management may use every route. It dials PJSIP/8005551234@trunk-b; if that fails: Backup.")]
    [InlineData("3001", "011493012345",
        "3001 (Management) may call 011493012345: it matches route International (pattern _011.) and Management may use every route. It is handed to dialplan context outbound-intl.")]
    [InlineData("1001", "911",
        "1001 (Finance, isolated) may call 911: 911 is an emergency number (911), which bypasses isolation and route grants. It goes out on route Emergency and dials PJSIP/911@trunk-a with caller ID 1001.")]
    [InlineData(null, "1000",
        "An unknown caller may call 1000 (Reception): callers that are not internal extensions may call internal extensions (unknownCallers: internal-only). The call is bridged to PJSIP/1000.")]
    [InlineData("+4930123", "5551234",
        "+4930123 (not an internal extension) may not call 5551234: callers that are not internal extensions may call only internal extensions (unknownCallers: internal-only), and 5551234 is not one.")]
    public void Explain_EachReason_NamesGroupsPatternsAndRoutes(string? from, string to, string expected)
    {
        Assert.Equal(expected, Explain(from, to));
    }

    [Fact]
    public void Explain_UnknownCallersDeny_SaysOnlyEmergency()
    {
        var policy = TestPolicies.Load(TestPolicies.DecisionTable.Replace("internal-only", "deny", StringComparison.Ordinal));

        Assert.Equal(
            "An unknown caller may not call 1000 (Reception): callers that are not internal extensions may call only emergency numbers (unknownCallers: deny).",
            Explain(null, "1000", policy));
    }

    [Fact]
    public void Explain_NoGroup_SaysNothingRestrictsIt()
    {
        var policy = TestPolicies.Load("""
            version: 1
            extensions: ["1000", "1001"]
            """);

        Assert.Equal(
            "1000 (no group) may call 1001 (no group): 1000 belongs to no group, which nothing restricts. The call is bridged to PJSIP/1001.",
            Explain("1000", "1001", policy));
    }

    [Fact]
    public void Explain_EmergencyWithoutRoute_SaysToAddOne()
    {
        var policy = TestPolicies.Load("""
            version: 1
            extensions: ["1000"]
            """);

        Assert.Equal(
            "1000 (no group) may not call 112: 112 is an emergency number, but no route's patterns match it; add it to a route.",
            Explain("1000", "112", policy));
    }

    [Fact]
    public void Explain_ManyAllowPatterns_ListsTheFirstEight()
    {
        var patterns = string.Join(", ", Enumerable.Range(0, 10).Select(i => $"\"_{i}X\""));
        var policy = TestPolicies.Load($$"""
            version: 1
            groups:
              - { name: Closed, isolated: true, members: ["1000"], allow: [{{patterns}}] }
            """);

        Assert.EndsWith("allowed patterns _0X, _1X, _2X, _3X, _4X, _5X, _6X, _7X and 2 more.", Explain("1000", "123", policy), StringComparison.Ordinal);
    }
}
