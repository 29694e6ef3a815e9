using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhoneGroups.Ari.Configuration;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Ari.Models;
using Polly;
using Polly.Retry;

namespace PhoneGroups.Ari.Rest;

/// <summary>
/// ARI REST requests, on the events WebSocket when it can (<see cref="AriOptions.RestTransport"/>), otherwise
/// over HTTP with keep-alive connections (<see cref="AriRequestSender"/>). Requests that can be repeated without
/// effect (GET, and the DELETEs of teardown) are retried on transient failures; requests that create or change
/// something are sent once, because a retry after a lost response would do it twice.
/// </summary>
public sealed partial class AriRestClient : IAriClient, IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ResiliencePipeline _idempotentRetry;
    private readonly ILogger<AriRestClient> _logger;
    private readonly AriRequestSender _sender;

    /// <summary>
    /// Creates a client with its own connection pool of at most <see cref="AriOptions.MaxConnections"/>: a burst
    /// of calls queues its requests instead of opening more sessions than Asterisk's sessionlimit allows.
    /// </summary>
    /// <remarks>With <paramref name="events"/>, requests go on its WebSocket whenever it is connected and Asterisk answers there.</remarks>
    public AriRestClient(IOptions<AriOptions> options, ILogger<AriRestClient> logger, TimeProvider? time = null, AriEventConnection? events = null)
        : this(new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = options?.Value.MaxConnections ?? throw new ArgumentNullException(nameof(options)),
        }), options, logger, time, ownsHttp: true, events)
    {
    }

    /// <summary>Creates a client over <paramref name="http"/> (tests pass one with a fake handler).</summary>
    public AriRestClient(HttpClient http, IOptions<AriOptions> options, ILogger<AriRestClient> logger, TimeProvider? time = null, bool ownsHttp = false, AriEventConnection? events = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _http = http;
        _ownsHttp = ownsHttp;
        _logger = logger;
        var socket = settings.RestTransport == AriRestTransport.WebSocket ? events?.Requests : null;
        _sender = new AriRequestSender(http, socket, logger, time ?? TimeProvider.System, TimeSpan.FromSeconds(settings.RequestTimeoutSeconds));
        _http.BaseAddress = settings.BaseAddress;
        _http.Timeout = TimeSpan.FromSeconds(settings.RequestTimeoutSeconds);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.User}:{settings.Password}")));
        _idempotentRetry = new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<AriException>(IsTransient),
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                OnRetry = args =>
                {
                    LogRetry(_logger, args.Outcome.Exception?.Message ?? "unknown", args.AttemptNumber + 1);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Whether a failure may go away by itself: no answer, a timeout, or a 5xx from Asterisk.</summary>
    internal static bool IsTransient(AriException e) => e.Status == 0 || (int)e.Status >= 500;

    // channels

    /// <inheritdoc />
    public Task<Channel> GetChannelAsync(string channelId, CancellationToken cancellationToken = default) =>
        GetAsync($"channels/{AriQuery.Escape(channelId)}", AriJsonContext.Default.Channel, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<Channel>> ListChannelsAsync(CancellationToken cancellationToken = default) =>
        await GetAsync("channels", AriJsonContext.Default.ListChannel, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<Channel> CreateChannelAsync(CreateChannelRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = new AriQuery("channels/create")
            .Add("endpoint", request.Endpoint).Add("app", request.App).Add("appArgs", request.AppArgs)
            .Add("channelId", request.ChannelId).Add("otherChannelId", request.OtherChannelId).Add("originator", request.Originator);
        return SendAsync(HttpMethod.Post, path.ToString(), VariablesBodyOf(request.Variables), AriJsonContext.Default.Channel, cancellationToken);
    }

    /// <inheritdoc />
    public Task DialAsync(string channelId, string? callerChannelId = null, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, new AriQuery($"channels/{AriQuery.Escape(channelId)}/dial").Add("caller", callerChannelId).Add("timeout", timeoutSeconds).ToString(), cancellationToken);

    /// <inheritdoc />
    public Task<Channel> OriginateAsync(OriginateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = new AriQuery("channels")
            .Add("endpoint", request.Endpoint).Add("extension", request.Extension).Add("context", request.Context).Add("priority", request.Priority)
            .Add("app", request.App).Add("appArgs", request.AppArgs).Add("callerId", request.CallerId).Add("timeout", request.Timeout)
            .Add("channelId", request.ChannelId).Add("otherChannelId", request.OtherChannelId);
        return SendAsync(HttpMethod.Post, path.ToString(), VariablesBodyOf(request.Variables), AriJsonContext.Default.Channel, cancellationToken);
    }

    /// <inheritdoc />
    public Task AnswerAsync(string channelId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"channels/{AriQuery.Escape(channelId)}/answer", cancellationToken);

    /// <inheritdoc />
    public Task RingAsync(string channelId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"channels/{AriQuery.Escape(channelId)}/ring", cancellationToken);

    /// <inheritdoc />
    public Task RingStopAsync(string channelId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"channels/{AriQuery.Escape(channelId)}/ring", cancellationToken);

    /// <inheritdoc />
    public Task ProgressAsync(string channelId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"channels/{AriQuery.Escape(channelId)}/progress", cancellationToken);

    /// <inheritdoc />
    public Task<bool> TransferProgressAsync(string channelId, string state, CancellationToken cancellationToken = default) =>
        TeardownAsync(new AriQuery($"channels/{AriQuery.Escape(channelId)}/transfer_progress").Add("states", state).ToString(), HttpMethod.Post, cancellationToken);

    /// <inheritdoc />
    public Task<bool> HangupAsync(string channelId, int? causeCode = null, CancellationToken cancellationToken = default) =>
        TeardownAsync(new AriQuery($"channels/{AriQuery.Escape(channelId)}").Add("reason_code", causeCode).ToString(), HttpMethod.Delete, cancellationToken);

    /// <inheritdoc />
    public Task<Playback> PlayAsync(string channelId, IReadOnlyList<string> media, string? language = null, string? playbackId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(media);
        var path = new AriQuery($"channels/{AriQuery.Escape(channelId)}/play")
            .Add("media", string.Join(',', media)).Add("lang", language).Add("playbackId", playbackId);
        return SendAsync(HttpMethod.Post, path.ToString(), null, AriJsonContext.Default.Playback, cancellationToken);
    }

    /// <inheritdoc />
    public Task ContinueAsync(string channelId, string? context = null, string? extension = null, int? priority = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, new AriQuery($"channels/{AriQuery.Escape(channelId)}/continue").Add("context", context).Add("extension", extension).Add("priority", priority).ToString(), cancellationToken);

    /// <inheritdoc />
    public Task RedirectAsync(string channelId, string endpoint, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, new AriQuery($"channels/{AriQuery.Escape(channelId)}/redirect").Add("endpoint", endpoint).ToString(), cancellationToken);

    /// <inheritdoc />
    public async Task<string> GetVariableAsync(string channelId, string variable, CancellationToken cancellationToken = default) =>
        (await GetAsync(new AriQuery($"channels/{AriQuery.Escape(channelId)}/variable").Add("variable", variable).ToString(), AriJsonContext.Default.Variable, cancellationToken).ConfigureAwait(false)).Value;

    /// <inheritdoc />
    public Task SetVariableAsync(string channelId, string variable, string value, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, new AriQuery($"channels/{AriQuery.Escape(channelId)}/variable").Add("variable", variable).Add("value", value).ToString(), cancellationToken);

    // bridges

    /// <inheritdoc />
    public Task<Bridge> CreateBridgeAsync(string? bridgeId = null, string type = "mixing", string? name = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, new AriQuery("bridges").Add("type", type).Add("bridgeId", bridgeId).Add("name", name).ToString(), null, AriJsonContext.Default.Bridge, cancellationToken);

    /// <inheritdoc />
    public Task<Bridge> GetBridgeAsync(string bridgeId, CancellationToken cancellationToken = default) =>
        GetAsync($"bridges/{AriQuery.Escape(bridgeId)}", AriJsonContext.Default.Bridge, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<Bridge>> ListBridgesAsync(CancellationToken cancellationToken = default) =>
        await GetAsync("bridges", AriJsonContext.Default.ListBridge, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task AddChannelsAsync(string bridgeId, IReadOnlyList<string> channelIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channelIds);
        return SendAsync(HttpMethod.Post, new AriQuery($"bridges/{AriQuery.Escape(bridgeId)}/addChannel").Add("channel", string.Join(',', channelIds)).ToString(), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RemoveChannelAsync(string bridgeId, string channelId, CancellationToken cancellationToken = default) =>
        TeardownAsync(new AriQuery($"bridges/{AriQuery.Escape(bridgeId)}/removeChannel").Add("channel", channelId).ToString(), HttpMethod.Post, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DestroyBridgeAsync(string bridgeId, CancellationToken cancellationToken = default) =>
        TeardownAsync($"bridges/{AriQuery.Escape(bridgeId)}", HttpMethod.Delete, cancellationToken);

    // playbacks, sounds, endpoints, the system

    /// <inheritdoc />
    public Task<bool> StopPlaybackAsync(string playbackId, CancellationToken cancellationToken = default) =>
        TeardownAsync($"playbacks/{AriQuery.Escape(playbackId)}", HttpMethod.Delete, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> PlaybackExistsAsync(string playbackId, CancellationToken cancellationToken = default)
    {
        try
        {
            await GetAsync($"playbacks/{AriQuery.Escape(playbackId)}", AriJsonContext.Default.Playback, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AriNotFoundException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<Sound?> GetSoundAsync(string soundName, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync($"sounds/{AriQuery.Escape(soundName)}", AriJsonContext.Default.Sound, cancellationToken).ConfigureAwait(false);
        }
        catch (AriNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Endpoint>> ListEndpointsAsync(string? technology = null, CancellationToken cancellationToken = default) =>
        await GetAsync(technology is null ? "endpoints" : $"endpoints/{AriQuery.Escape(technology)}", AriJsonContext.Default.ListEndpoint, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<bool> ConfigObjectExistsAsync(string configClass, string objectType, string id, CancellationToken cancellationToken = default)
    {
        try
        {
            await _idempotentRetry.ExecuteAsync(
                async ct => await _sender.SendAsync(HttpMethod.Get, $"asterisk/config/dynamic/{AriQuery.Escape(configClass)}/{AriQuery.Escape(objectType)}/{AriQuery.Escape(id)}", null, ct).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AriNotFoundException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public Task PingAsync(CancellationToken cancellationToken = default) =>
        _idempotentRetry.ExecuteAsync(async ct => await _sender.SendAsync(HttpMethod.Get, "asterisk/ping", null, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task<AsteriskInfo> GetInfoAsync(CancellationToken cancellationToken = default) =>
        GetAsync("asterisk/info", AriJsonContext.Default.AsteriskInfo, cancellationToken);

    /// <inheritdoc />
    public Task SetEventFilterAsync(string application, IReadOnlyList<string> disallowedTypes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(disallowedTypes);
        var body = new JsonObject { ["disallowed"] = new JsonArray([.. disallowedTypes.Select(t => (JsonNode)new JsonObject { ["type"] = t })]) };
        return _idempotentRetry.ExecuteAsync(
            async ct => await _sender.SendAsync(HttpMethod.Put, $"applications/{AriQuery.Escape(application)}/eventFilter", body.ToJsonString(), ct).ConfigureAwait(false),
            cancellationToken).AsTask();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    // plumbing

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        await _idempotentRetry.ExecuteAsync(async ct => await SendAsync(HttpMethod.Get, path, null, type, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async Task<bool> TeardownAsync(string path, HttpMethod method, CancellationToken cancellationToken)
    {
        try
        {
            await _idempotentRetry.ExecuteAsync(async ct => await _sender.SendAsync(method, path, null, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AriNotFoundException)
        {
            return false; // already gone: that is what teardown wanted
        }
    }

    private async Task SendAsync(HttpMethod method, string path, CancellationToken cancellationToken) =>
        await _sender.SendAsync(method, path, null, cancellationToken).ConfigureAwait(false);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, string? jsonBody, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var body = await _sender.SendAsync(method, path, jsonBody, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw new AriException(method.Method, path, new JsonException("empty response"));
        }
        catch (JsonException e)
        {
            throw new AriException(method.Method, path, e);
        }
    }

    private static string? VariablesBodyOf(IReadOnlyDictionary<string, string>? variables) =>
        variables is null || variables.Count == 0
            ? null
            : JsonSerializer.Serialize(new VariablesBody { Variables = variables }, AriJsonContext.Default.VariablesBody);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ARI request failed ({Reason}); retry {Attempt}")]
    private static partial void LogRetry(ILogger logger, string reason, int attempt);
}
