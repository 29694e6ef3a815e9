using System.Net;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhoneGroups.Configuration;

namespace PhoneGroups.Observability;

/// <summary>
/// Answers <c>GET /health/live</c>, <c>GET /health/ready</c> (200 or 503, the body says why) and
/// <c>GET /metrics</c> (Prometheus text format) on <see cref="HealthOptions.Url"/>.
/// </summary>
internal sealed partial class HealthServer(
    IOptions<HealthOptions> options,
    Readiness readiness,
    PrometheusExporter metrics,
    ILogger<HealthServer> logger) : IHostedService, IDisposable
{
    private HttpListener? _listener;
    private Task _serving = Task.CompletedTask;

    /// <summary>Listens before returning, so a port in use stops start-up with a clear message.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var url = options.Value.Url;
        if (!options.Value.Enabled)
        {
            return Task.CompletedTask;
        }

        var listener = new HttpListener();
        listener.Prefixes.Add(url.EndsWith('/') ? url : url + "/");
        try
        {
            listener.Start();
        }
        catch (HttpListenerException e)
        {
            LogCannotListen(logger, url, e.Message);
            listener.Close();
            throw new InvalidOperationException($"Health:Url {url} cannot be served: {e.Message}", e);
        }

        LogListening(logger, url);
        _listener = listener;
        _serving = Task.Run(() => ServeAsync(listener), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Stop();
        await _serving.ConfigureAwait(false);
    }

    public void Dispose() => _listener?.Close();

    private async Task ServeAsync(HttpListener listener)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                break; // stopped
            }

            Answer(context);
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var (status, type, body) = context.Request.HttpMethod != "GET"
                ? (405, "text/plain", "GET only\n")
                : context.Request.Url?.AbsolutePath switch
                {
                    "/health/live" => (200, "text/plain", "live\n"),
                    "/health/ready" => Ready(),
                    "/metrics" => (200, "text/plain; version=0.0.4", metrics.Render()),
                    _ => (404, "text/plain", "not found: try /health/live, /health/ready, /metrics\n"),
                };
            var bytes = Encoding.UTF8.GetBytes(body);
            response.StatusCode = status;
            response.ContentType = type + (type.Contains("charset", StringComparison.Ordinal) ? string.Empty : "; charset=utf-8");
            response.ContentLength64 = bytes.Length;
            response.OutputStream.Write(bytes);
        }
        catch (Exception e) when (e is HttpListenerException or IOException)
        {
            // the client went away
        }
        finally
        {
            response.Close();
        }
    }

    private (int Status, string Type, string Body) Ready()
    {
        var report = readiness.Check();
        return (report.Ready ? 200 : 503, "application/json", report.ToJson() + "\n");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health and metrics at {Url} (/health/live, /health/ready, /metrics)")]
    private static partial void LogListening(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Cannot serve health and metrics at {Url}: {Error} (Health:Url; empty turns it off)")]
    private static partial void LogCannotListen(ILogger logger, string url, string error);
}
