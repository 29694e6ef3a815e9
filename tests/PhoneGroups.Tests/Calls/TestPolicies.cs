namespace PhoneGroups.Tests.Calls;

/// <summary>Policies several test classes call with (<see cref="ControllerUnderTest.DefaultPolicy"/> aside).</summary>
internal static class TestPolicies
{
    /// <summary>
    /// Sales may call out on route Out, presenting the group's caller ID 5550100; the isolated Lobby may call
    /// Sales's extensions only, never out. Unknown callers are allowed (inside).
    /// </summary>
    public const string SalesOutAndIsolatedLobby = """
        version: 1
        settings: { unknownCallers: allow }
        groups:
          - name: Sales
            members: ["2001", "2002"]
            routes: [{ name: Out, callerId: "5550100" }]
          - name: Lobby
            isolated: true
            allow: ["_2XXX"]
            members: ["3001"]
        routes:
          - name: Out
            patterns: ["_5XXXXXX"]
            dial: "PJSIP/{number}@trunk-a"
        """;

    /// <summary>Sales may call out on route Out; numbers 555XXXX need permission Premium's password 4321.</summary>
    public const string SalesOutWithPassword = """
        version: 1
        groups:
          - name: Sales
            members: ["2001", "2002"]
            routes: [Out]
        routes:
          - { name: Out, patterns: ["_5XXXXXX"], dial: "PJSIP/{number}@trunk-a" }
        permissions:
          - { name: Premium, numbers: ["_555XXXX"], groups: [Sales], password: "4321" }
        """;
}
