using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Primitives;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace PhoneGroups.Logging;

/// <summary>
/// Serilog for the controller: readable text in a terminal, compact JSON (one object per line) when the
/// output goes to a container runtime or a file. <c>Logging:Format</c> (auto, text, json) forces one;
/// <c>Logging:Level</c> (Verbose … Fatal) is applied again whenever the configuration changes.
/// </summary>
internal static class LoggingSetup
{
    public static IHostApplicationBuilder AddControllerLogging(this IHostApplicationBuilder builder)
    {
        var level = new LoggingLevelSwitch(ReadLevel(builder.Configuration));
        ChangeToken.OnChange(builder.Configuration.GetReloadToken, () => level.MinimumLevel = ReadLevel(builder.Configuration));
        var json = WantsJson(builder.Configuration["Logging:Format"]);
        builder.Services.AddSerilog(logger =>
        {
            logger.MinimumLevel.ControlledBy(level)
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
                // An unready controller is reported by /health/ready and by the ARI connection's own log lines,
                // not once more per probe.
                .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", LogEventLevel.Fatal)
                .Enrich.FromLogContext();
            if (json)
            {
                logger.WriteTo.Console(new CompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}{Exception}");
            }
        });
        return builder;
    }

    private static LogEventLevel ReadLevel(IConfiguration configuration) =>
        Enum.TryParse<LogEventLevel>(configuration["Logging:Level"], ignoreCase: true, out var level) ? level : LogEventLevel.Information;

    private static bool WantsJson(string? format) => format?.ToLowerInvariant() switch
    {
        "json" => true,
        "text" => false,
        _ => Console.IsOutputRedirected || Environment.GetEnvironmentVariable("DOTNET_RUNNING_IN_CONTAINER") == "true",
    };
}
