using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using PhoneGroups.Configuration;
using PhoneGroups.Observability;
using PhoneGroups.Policy;
using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Tests.Observability;

/// <summary>OTLP export to a collector stand-in listening on loopback.</summary>
public sealed class OtlpMetricsTests
{
    [Fact]
    public async Task WithAnEndpoint_TheInstrumentsArePushedAsOtlpProtobuf()
    {
        using var collector = new HttpListener();
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}/";
        collector.Prefixes.Add(url);
        collector.Start();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Otlp:Endpoint"] = url,
            ["Otlp:IntervalSeconds"] = "3600", // only the explicit flush below exports
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(new PolicyStore(PolicyLoader.LoadText("version: 1\n").Policy!));
        services.AddSingleton<ControllerMetrics>();
        services.AddControllerMetrics(configuration);
        await using var provider = services.BuildServiceProvider();
        var meterProvider = provider.GetRequiredService<MeterProvider>();
        provider.GetRequiredService<ControllerMetrics>().Decided("deny", "otlp-test", TimeSpan.FromMilliseconds(0.01));

        var received = collector.GetContextAsync();
        var flushed = Task.Run(() => meterProvider.ForceFlush(10_000));
        var request = await received.WaitAsync(TimeSpan.FromSeconds(10));
        using var body = new MemoryStream();
        await request.Request.InputStream.CopyToAsync(body);
        request.Response.StatusCode = 200;
        request.Response.Close();
        await flushed;

        Assert.Equal("POST", request.Request.HttpMethod);
        Assert.Equal("/v1/metrics", request.Request.Url?.AbsolutePath);
        Assert.Equal("application/x-protobuf", request.Request.ContentType);
        var text = Encoding.UTF8.GetString(body.ToArray());
        Assert.Contains("phonegroups.calls.decided", text, StringComparison.Ordinal);
        Assert.Contains("otlp-test", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAnEndpoint_NoOtlpExporterIsRegistered_OnlyThePrometheusOne()
    {
        var without = new ServiceCollection();
        without.AddControllerMetrics(new ConfigurationBuilder().Build());
        var with = new ServiceCollection();
        with.AddControllerMetrics(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Otlp:Endpoint"] = "http://127.0.0.1:4318" }).Build());

        static bool IsOtlp(ServiceDescriptor s) => s.ServiceType.ToString().Contains("OtlpExporter", StringComparison.Ordinal);
        Assert.Contains(with, IsOtlp);
        Assert.DoesNotContain(without, IsOtlp);
        Assert.Contains(without, s => s.ServiceType.ToString().Contains("PrometheusAspNetCoreOptions", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ftp://collector", "http/protobuf", "Otlp:Endpoint")]
    [InlineData("http://127.0.0.1:4318", "thrift", "Otlp:Protocol")]
    public void InvalidSettings_AreNamed(string endpoint, string protocol, string key)
    {
        var result = new OtlpOptionsValidation().Validate(null, new OtlpOptions { Endpoint = endpoint, Protocol = protocol });

        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }
}
