using BenchmarkDotNet.Attributes;
using PhoneGroups.Benchmarks.Baseline;
using PhoneGroups.Benchmarks.Generation;
using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Configuration;
using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Benchmarks.Benchmarks;

/// <summary>
/// Loading the generated policy: the whole path from YAML text, the compile step alone (validated
/// document to snapshot), and building the naive baseline's 50,000 Regex objects.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class CompileBenchmarks
{
    private GeneratedPolicy _generated = null!;
    private PolicyDocument _document = null!;
    private CompiledPolicy _policy = null!;

    [GlobalSetup]
    public void Setup()
    {
        _generated = BenchmarkPolicy.Generate();
        var errors = new PolicyErrorList("generated.yaml");
        _document = new YamlPolicyReader(errors).Read(_generated.Yaml) ?? throw new InvalidOperationException("unreadable");
        new PolicyValidator(errors).Validate(_document);
        _policy = BenchmarkPolicy.Load(_generated);
    }

    [Benchmark(Description = "Load: YAML text -> compiled policy")]
    public CompiledPolicy LoadText() => BenchmarkPolicy.Load(_generated);

    [Benchmark(Description = "Compile: validated document -> policy")]
    public CompiledPolicy Compile() => PolicyCompiler.Compile(_document);

    [Benchmark(Description = "Naive: build 50,000 Regex")]
    public int BuildNaive() => new NaiveRegexPolicy(_policy).PatternCount;
}
