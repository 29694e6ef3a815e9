using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PhoneGroups.Hosting;

/// <summary>Says, at start, where the HTTP host listens, and warns when it is reachable off this machine without TLS.</summary>
internal sealed partial class HttpExposureWarning(bool loopback, bool tls, string url, ILogger<HttpExposureWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogListening(logger, url);
        if (!loopback && !tls)
        {
            LogExposed(logger, url);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP at {Url}: /api/v1 (token required), /health/live, /health/ready, /metrics, /openapi/v1.json")]
    private static partial void LogListening(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HTTP at {Url} is reachable from other machines without TLS: API tokens travel in clear text. Bind to 127.0.0.1 or set Http:CertificatePath")]
    private static partial void LogExposed(ILogger logger, string url);
}
