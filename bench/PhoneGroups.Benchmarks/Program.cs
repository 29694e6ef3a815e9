using BenchmarkDotNet.Running;
using PhoneGroups.Benchmarks.Report;

// `--report`: compile time, snapshot memory, per-call percentiles and allocations, with Stopwatch.
// Anything else goes to BenchmarkDotNet, e.g. `--filter *` for every benchmark.
if (args is ["--report"])
{
    return LatencyReport.Run(Console.Out);
}

// `--report --permissions`: only the part about call permissions (10,000 of them against none).
if (args is ["--report", "--permissions"])
{
    return LatencyReport.RunPermissions(Console.Out);
}

// `--store-report`: one member moved through the API's write path on the 100k-extension policy, and what the
// call path pays meanwhile.
if (args is ["--store-report"])
{
    return StoreWriteReport.Run(Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(LatencyReport).Assembly).Run(args);
return 0;
