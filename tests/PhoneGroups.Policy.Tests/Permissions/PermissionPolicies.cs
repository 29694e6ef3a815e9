namespace PhoneGroups.Policy.Tests.Permissions;

/// <summary>Policies with call permissions, one case per precedence rule.</summary>
internal static class PermissionPolicies
{
    /// <summary>The groups, extensions and routes every permission test shares (rules 1-5 allow most calls).</summary>
    public const string Base = """
        version: 1
        settings:
          emergencyNumbers: ["112", "911"]
          unknownCallers: internal-only
        extensions:
          - "1000"
        groups:
          - name: Reception
            default: true
          - name: Sales
            members:
              - "2001"
              - "2002"
              - { number: "2003", pin: "7777" }
              - "2004"
            routes:
              - { name: International, callerId: "5550100" }
              - Local
              - Backup
              - Premium
              - Emergency
          - name: Support
            members: ["4001", { number: "4002", pin: "0*0*" }]
          - name: Finance
            isolated: true
            allow: ["_NXXXXXX"]
            members: ["5001"]
        routes:
          - { name: Emergency, patterns: ["112", "911"], dial: "PJSIP/{number}@trunk-a" }
          - { name: Local, patterns: ["_NXXXXXX"], dial: "PJSIP/{number}@trunk-a" }
          - { name: International, patterns: ["_011."], dial: "PJSIP/{number}@trunk-intl" }
          - { name: Premium, patterns: ["_1900XXXXXXX"], dial: "PJSIP/{number}@trunk-a" }
          - { name: Backup, patterns: ["_NXXXXXX", "_011.", "_1900XXXXXXX"], dial: "PJSIP/{number}@trunk-b" }
          - { name: Spare, patterns: ["_011."], dial: "PJSIP/{number}@trunk-c" }
        """;

    /// <summary>
    /// The precedence cases: user before group before route; any allow wins within a level; passwords, the PIN,
    /// disabled permissions, incoming calls and routes.
    /// </summary>
    public const string Precedence = Base + """

        permissions:
          - name: Sales international
            description: needs the department code
            numbers: ["_011."]
            groups: [Sales]
            password: "4321"
            accountCode: intl-sales
          - name: Director abroad
            mode: allow
            numbers: ["_011."]
            users: ["2002"]
          - name: UK needs a code
            numbers: ["_01144."]
            users: ["2003", "2004"]
            password: "1111"
            accountCode: uk
          - name: UK second code
            numbers: ["_0114420."]
            users: ["2004"]
            password: "2222"
            accountCode: london
          - name: No Reception
            numbers: ["1000"]
            users: ["2001"]
          - name: Sales may call Reception
            mode: allow
            numbers: ["1000"]
            groups: [Sales]
          - name: No premium
            numbers: ["_1900."]
            routes: [Premium]
          - name: Sales premium hotline
            mode: allow
            numbers: ["19005550000"]
            groups: [Sales]
          - name: Old rule
            enabled: false
            mode: allow
            numbers: ["_X."]
            users: ["2001"]
          - name: Emergency is never blocked
            numbers: ["911"]
            users: ["2001"]
          - name: Support abroad
            numbers: ["_011."]
            groups: [Support]
            password: "5555"
          - name: Support France hard deny
            numbers: ["_01133."]
            groups: [Support]
          - name: Isolation stays
            mode: allow
            numbers: ["_011."]
            users: ["5001"]
          - name: Backup not abroad
            numbers: ["_011."]
            routes: [Backup]
          - name: Backup not for local calls
            numbers: ["_555XXXX"]
            routes: [Backup]
          - name: International code
            numbers: ["_01149."]
            routes: [International, Spare]
            password: "4949"
          - name: Spam callers
            numbers: ["_0900.", "5550666"]
            incoming: ["2001", "_400X"]
          - name: Partner line
            mode: allow
            numbers: ["5550666"]
            incoming: ["4001"]
          - name: Night line
            numbers: ["_X."]
            incoming: ["1000"]
            password: "8888"
            accountCode: night
        """;
}
