using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Policy.Tests;

/// <summary>Policies the tests decide against.</summary>
internal static class TestPolicies
{
    /// <summary>One policy with a case for every rule: isolation, allow patterns, route grants, caller IDs, fail-over.</summary>
    public const string DecisionTable = """
        version: 1
        settings:
          defaultLanguage: en
          emergencyNumbers: ["112", "911"]
          unknownCallers: internal-only
        extensions:
          - "1000"
          - { number: "1009", language: fr }
        groups:
          - name: Reception
            default: true
          - name: Finance
            isolated: true
            pickupIsolated: true
            allow: ["_7XXX", "_8[0-5]XXXXXXX", "*80", "911"]
            language: ru
            members:
              - "1001"
              - { number: "1002", endpoint: PJSIP/1002-desk, language: en }
            routes:
              - name: Local
                callerId: "5550100"
              - name: Regional
          - name: Sales
            isolated: true
            allow: ["1000", "_555XXXX"]
            members: ["2001"]
            routes: [Local, TollFree]
          - name: Management
            members: ["3001"]
          - name: Support
            members: ["4001"]
            routes:
              - { name: Local, callerId: "5550200" }
          - name: Lab
            members: ["7001"]
          - name: Closed
            members: ["6001"]
            routes: []
        routes:
          - name: Emergency
            patterns: ["112", "911"]
            dial: "PJSIP/{number}@trunk-a"
          - name: Local
            patterns: ["_NXXXXXX"]
            dial: "PJSIP/{number}@trunk-a"
          - name: Regional
            patterns: ["_8XXXXXXXX"]
            dial: "PJSIP/{number}@trunk-a"
          - name: TollFree
            patterns: ["_1800NXXXXXX"]
            dial: "PJSIP/{number}@trunk-b"
            strip: 1
          - name: International
            patterns: ["_011."]
            context: outbound-intl
          - name: Backup
            patterns: ["_NXXXXXX", "_1800NXXXXXX"]
            dial: "PJSIP/{number}@trunk-b"
            prefix: "9"
        """;

    public static CompiledPolicy Load(string yaml, string name = "test.yaml")
    {
        var result = PolicyLoader.LoadText(yaml, name);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Errors));
        return result.Policy;
    }

    public static IReadOnlyList<PolicyError> Errors(string yaml)
    {
        var result = PolicyLoader.LoadText(yaml, "bad.yaml");
        Assert.False(result.Success);
        Assert.Null(result.Policy);
        return result.Errors;
    }

    /// <summary>The sample shipped in asterisk-conf/, copied next to the tests.</summary>
    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "Samples", "policy.yaml");
}
