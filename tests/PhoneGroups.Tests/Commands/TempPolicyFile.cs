namespace PhoneGroups.Tests.Commands;

/// <summary>A policy written to a temporary file for the commands to read; deleted on dispose.</summary>
internal sealed class TempPolicyFile : IDisposable
{
    public const string Example = """
        version: 1
        extensions:
          - "1000"
        groups:
          - name: Reception
            default: true
          - name: Finance
            isolated: true
            allow: ["_7XXX", "_8[0-5]XXXXXXX", "*80", "911"]
            members: ["1001", "1002"]
            routes: [Local]
          - name: Sales
            members: ["2001"]
            language: fr
            routes:
              - { name: Local, callerId: "5550100" }
              - { name: Backup, callerId: "5550100" }
        routes:
          - { name: Emergency, patterns: ["112", "911"], dial: "PJSIP/{number}@trunk-a" }
          - { name: Local, patterns: ["_NXXXXXX"], dial: "PJSIP/{number}@trunk-a" }
          - { name: International, patterns: ["_011."], context: outbound-intl }
          - { name: Backup, patterns: ["_NXXXXXX"], dial: "PJSIP/{number}@trunk-b" }
        """;

    public TempPolicyFile(string content = Example)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"phonegroups-test-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(Path, content);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
