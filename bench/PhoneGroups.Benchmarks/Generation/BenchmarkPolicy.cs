using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Benchmarks.Generation;

/// <summary>The generated policy every benchmark shares: same seed, same calls, so runs compare.</summary>
internal static class BenchmarkPolicy
{
    public const int Seed = 42;

    public static GeneratedPolicy Generate() => new PolicyGenerator(Seed).Generate();

    public static CompiledPolicy Load(GeneratedPolicy generated) => Load(generated.Yaml);

    /// <summary>The same policy with 10,000 call permissions.</summary>
    public static CompiledPolicy LoadWithPermissions(GeneratedPolicy generated) => Load(generated.YamlWithPermissions);

    private static CompiledPolicy Load(string yaml)
    {
        var result = PolicyLoader.LoadText(yaml, "generated.yaml");
        return result.Success
            ? result.Policy
            : throw new InvalidOperationException("generated policy is invalid: " + string.Join(Environment.NewLine, result.Errors.Take(10)));
    }
}
