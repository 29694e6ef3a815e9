using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Serilog.Events;

namespace PhoneGroups.Logging;

/// <summary>Checks the logging settings at start-up, so a typo is an error that names the key, not a silent default.</summary>
internal static class LoggingLevel
{
    public static void Validate(IConfiguration configuration)
    {
        var errors = new List<string>();
        var level = configuration["Logging:Level"];
        if (!string.IsNullOrEmpty(level) && !Enum.TryParse<LogEventLevel>(level, ignoreCase: true, out _))
        {
            errors.Add($"Logging:Level must be one of {string.Join(", ", Enum.GetNames<LogEventLevel>())}, not '{level}'");
        }

        var format = configuration["Logging:Format"];
        if (!string.IsNullOrEmpty(format) && format.ToLowerInvariant() is not ("auto" or "text" or "json"))
        {
            errors.Add($"Logging:Format must be auto, text or json, not '{format}'");
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException("Logging", typeof(IConfiguration), errors);
        }
    }
}
