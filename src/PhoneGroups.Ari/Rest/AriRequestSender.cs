using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Ari.Diagnostics;

namespace PhoneGroups.Ari.Rest;

/// <summary>
/// Sends one ARI REST request and gives back its answer, on the events WebSocket when it can (Asterisk 22.4+
/// answers there, with less overhead than HTTP), otherwise over HTTP. The socket carries one request at a
/// time (Asterisk handles a socket's requests one after another); the others go over HTTP meanwhile. Both
/// ways give the same answers and throw the same exceptions, bounded by the same timeout.
/// </summary>
/// <remarks><paramref name="socket"/> is null when requests go over HTTP only.</remarks>
internal sealed partial class AriRequestSender(HttpClient http, AriSocketRequests? socket, ILogger logger, TimeProvider time, TimeSpan requestTimeout)
{
    /// <summary>Sends one request and returns the body of a 2xx answer; any other answer, or none, throws an <see cref="AriException"/>.</summary>
    public async Task<string> SendAsync(HttpMethod method, string path, string? jsonBody, CancellationToken cancellationToken)
    {
        HttpStatusCode status;
        string body;
        if (socket is { IsReady: true } && socket.TryTake())
        {
            try
            {
                (status, body) = await SendOnSocketAsync(socket, method, path, jsonBody, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                socket.Return();
            }
        }
        else
        {
            (status, body) = await SendOverHttpAsync(method, path, jsonBody, cancellationToken).ConfigureAwait(false);
        }

        if ((int)status is >= 200 and < 300)
        {
            return body;
        }

        LogRefused(logger, method.Method, path, (int)status);

        throw AriException.For(status, MessageOf(body), method.Method, path);
    }

    private async Task<(HttpStatusCode Status, string Body)> SendOverHttpAsync(HttpMethod method, string path, string? jsonBody, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = jsonBody is null ? null : new StringContent(jsonBody, Encoding.UTF8, "application/json"),
        };
        HttpResponseMessage response;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            AriMetrics.RequestCompleted(method, null, System.Diagnostics.Stopwatch.GetElapsedTime(started), AriMetrics.Http);
            throw new AriException(method.Method, path, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            AriMetrics.RequestCompleted(method, null, System.Diagnostics.Stopwatch.GetElapsedTime(started), AriMetrics.Http);
            throw new AriException(method.Method, path, new TimeoutException($"no answer within {http.Timeout.TotalSeconds:0} s", e));
        }

        var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        AriMetrics.RequestCompleted(method, response.StatusCode, took, AriMetrics.Http);
        LogRequest(logger, method.Method, path, (int)response.StatusCode, took.TotalMilliseconds, AriMetrics.Http);
        using (response)
        {
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>On the events WebSocket, bounded by the same timeout as over HTTP; no answer throws as HTTP does.</summary>
    private async Task<(HttpStatusCode Status, string Body)> SendOnSocketAsync(AriSocketRequests requests, HttpMethod method, string path, string? jsonBody, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(requestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var answer = await requests.SendAsync(method.Method, path, jsonBody, linked.Token).ConfigureAwait(false);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            AriMetrics.RequestCompleted(method, answer.Status, elapsed, AriMetrics.WebSocket);
            LogRequest(logger, method.Method, path, (int)answer.Status, elapsed.TotalMilliseconds, AriMetrics.WebSocket);
            return (answer.Status, answer.Body);
        }
        catch (IOException e)
        {
            AriMetrics.RequestCompleted(method, null, System.Diagnostics.Stopwatch.GetElapsedTime(started), AriMetrics.WebSocket);
            throw new AriException(method.Method, path, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            AriMetrics.RequestCompleted(method, null, System.Diagnostics.Stopwatch.GetElapsedTime(started), AriMetrics.WebSocket);
            throw new AriException(method.Method, path, new TimeoutException($"no answer within {requestTimeout.TotalSeconds:0} s", e));
        }
    }

    private static string? MessageOf(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, AriJsonContext.Default.AriError)?.Message;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }


    // Per request, for finding where a call's time goes (Logging:Level Debug); off by default, and cheap then.
    [LoggerMessage(Level = LogLevel.Debug, Message = "ARI {Method} {Path}: {Status} in {Milliseconds:0.00} ms over {Transport}")]
    private static partial void LogRequest(ILogger logger, string method, string path, int status, double milliseconds, string transport);

    [LoggerMessage(Level = LogLevel.Debug, Message = "ARI {Method} {Path} refused: {Status}")]
    private static partial void LogRefused(ILogger logger, string method, string path, int status);
}
