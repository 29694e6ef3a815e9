using System.Net;
using System.Reactive.Subjects;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Configuration;
using PhoneGroups.Observability;
using PhoneGroups.Policy;
using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Tests.Observability;

/// <summary>The health endpoint over a real loopback port, with the ARI connection and host scripted.</summary>
public sealed class HealthEndpointTests : IAsyncLifetime
{
    private readonly BehaviorSubject<AriConnectionState> _ari = new(AriConnectionState.Initial);
    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _http = new();
    private readonly PolicyStore _policies = new(PolicyLoader.LoadText("version: 1\ngroups:\n  - name: Sales\n    members: [\"2001\", \"2002\"]\n").Policy!);
    private readonly ControllerMetrics _metrics;
    private readonly PrometheusExporter _exporter = new(ControllerMetrics.MeterName);
    private readonly HealthServer _server;
    private readonly Readiness _readiness;
    private readonly PipelineHealth _pipeline = new();

    public HealthEndpointTests()
    {
        var source = Substitute.For<IAriEventSource>();
        source.States.Returns(_ari);
        var lifetime = Substitute.For<IHostApplicationLifetime>();
        lifetime.ApplicationStopping.Returns(_stopping.Token);
        _readiness = new Readiness(source, _policies, _pipeline, lifetime);
        _metrics = new ControllerMetrics(_policies);
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}/";
        _http.BaseAddress = new Uri(url);
        _server = new HealthServer(Options.Create(new HealthOptions { Url = url }), _readiness, _exporter, NullLogger<HealthServer>.Instance);
    }

    public Task InitializeAsync() => _server.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _server.StopAsync(CancellationToken.None);
        _server.Dispose();
        _exporter.Dispose();
        _metrics.Dispose();
        _readiness.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task Live_AnswersWhileTheProcessRuns()
    {
        var response = await _http.GetAsync("health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_FollowsTheAriConnection_AndTheBodySaysWhy()
    {
        var before = await _http.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Contains("disconnected: not connected yet", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        _ari.OnNext(new AriConnectionState(AriConnectionStatus.Connected, string.Empty, 1));
        var connected = await _http.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.OK, connected.StatusCode);
        Assert.Contains("1 groups, 2 extensions", await connected.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        _ari.OnNext(new AriConnectionState(AriConnectionStatus.Disconnected, "connection refused", 1));
        var reconnecting = await _http.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, reconnecting.StatusCode);
        Assert.Contains("connection refused", await reconnecting.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_WhileAnotherConnectionHoldsTheApplication_Is503WithTheReason()
    {
        _ari.OnNext(new AriConnectionState(AriConnectionStatus.Connected, string.Empty, 1));
        _ari.OnNext(new AriConnectionState(AriConnectionStatus.Replaced, "another connection took application phonegroups", 1));

        var response = await _http.GetAsync("health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"ari\":\"replaced: another connection took application phonegroups", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_TurnsFalse_AsSoonAsTheHostStops()
    {
        _ari.OnNext(new AriConnectionState(AriConnectionStatus.Connected, string.Empty, 1));
        await _stopping.CancelAsync();

        var response = await _http.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"stopping\":true", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_TurnsFalse_WhenTheCallPipelineStopped()
    {
        _ari.OnNext(new AriConnectionState(AriConnectionStatus.Connected, string.Empty, 1));
        _pipeline.Stopped(new InvalidOperationException("bug"));

        var response = await _http.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("pipeline stopped: InvalidOperationException: bug", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ServesThePrometheusText()
    {
        _metrics.Decided("deny", "health-endpoint-test", TimeSpan.FromMilliseconds(0.002));

        var response = await _http.GetAsync("metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("phonegroups_calls_decided_total{decision=\"deny\",reason=\"health-endpoint-test\"} 1", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^phonegroups_policy_groups \d+$", text); // other tests' instances share the meter name
    }

    [Fact]
    public async Task UnknownPath_Is404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("nothing-here")).StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8090/", true)]
    [InlineData("", true)]
    [InlineData("http://127.0.0.1/", false)]
    [InlineData("https://127.0.0.1:8090/", false)]
    [InlineData("http://127.0.0.1:8090/health", false)]
    public void Url_IsValidated_NamingTheKey(string url, bool valid)
    {
        var result = new HealthOptionsValidation().Validate(null, new HealthOptions { Url = url });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Health:Url", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
