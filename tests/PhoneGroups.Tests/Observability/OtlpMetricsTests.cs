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
        services.AddOtlpMetrics(configuration);
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
    public void WithoutAnEndpoint_NothingIsExported()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddOtlpMetrics(configuration);

        Assert.DoesNotContain(services, s => s.ServiceType == typeof(MeterProvider));
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
