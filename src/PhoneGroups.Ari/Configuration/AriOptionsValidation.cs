using Microsoft.Extensions.Options;

namespace PhoneGroups.Ari.Configuration;

/// <summary>Checks <see cref="AriOptions"/> at start-up; every message names the configuration key, never a secret.</summary>
public sealed class AriOptionsValidation : IValidateOptions<AriOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AriOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var section = AriOptions.Section;
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{section}:Url must be an absolute http or https address such as http://127.0.0.1:8088, not '{options.Url}'");
        }
        else if (!string.IsNullOrEmpty(url.UserInfo))
        {
            errors.Add($"{section}:Url must not carry credentials; use {section}:User and {section}:Password");
        }

        if (string.IsNullOrWhiteSpace(options.User))
        {
            errors.Add($"{section}:User is required: the ARI user of ari.conf");
        }

        if (string.IsNullOrEmpty(options.Password))
        {
            errors.Add($"{section}:Password is required: set it through the environment (Ari__Password)");
        }

        if (string.IsNullOrWhiteSpace(options.App) || options.App.Contains(',', StringComparison.Ordinal))
        {
            errors.Add($"{section}:App must be one Stasis application name, such as phonegroups");
        }

        if (options.RequestTimeoutSeconds is < 1 or > 120)
        {
            errors.Add($"{section}:RequestTimeoutSeconds must be between 1 and 120, not {options.RequestTimeoutSeconds}");
        }

        if (options.MaxConnections is < 1 or > 1000)
        {
            errors.Add($"{section}:MaxConnections must be between 1 and 1000, not {options.MaxConnections}");
        }

        if (!Enum.IsDefined(options.RestTransport))
        {
            errors.Add($"{section}:RestTransport must be WebSocket or Http, not '{options.RestTransport}'");
        }

        if (options.MaxReconnectDelaySeconds is < 0.1 or > 300)
        {
            errors.Add($"{section}:MaxReconnectDelaySeconds must be between 0.1 and 300, not {options.MaxReconnectDelaySeconds}");
        }

        if (options.TakeBackDelaySeconds is < 0.1 or > 300)
        {
            errors.Add($"{section}:TakeBackDelaySeconds must be between 0.1 and 300, not {options.TakeBackDelaySeconds}");
        }

        if (options.TakeBackMaxDelaySeconds < options.TakeBackDelaySeconds || options.TakeBackMaxDelaySeconds > 300)
        {
            errors.Add($"{section}:TakeBackMaxDelaySeconds must be between {section}:TakeBackDelaySeconds ({options.TakeBackDelaySeconds}) and 300, not {options.TakeBackMaxDelaySeconds}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
