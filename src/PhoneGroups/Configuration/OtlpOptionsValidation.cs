using Microsoft.Extensions.Options;

namespace PhoneGroups.Configuration;

/// <summary>Checks <see cref="OtlpOptions"/> at start-up; messages name the key.</summary>
internal sealed class OtlpOptionsValidation : IValidateOptions<OtlpOptions>
{
    public ValidateOptionsResult Validate(string? name, OtlpOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{OtlpOptions.Section}:Endpoint must be an http or https address such as http://127.0.0.1:4318, not '{options.Endpoint}'");
        }

        if (options.Protocol is not ("http/protobuf" or "grpc"))
        {
            errors.Add($"{OtlpOptions.Section}:Protocol must be http/protobuf or grpc, not '{options.Protocol}'");
        }

        if (options.IntervalSeconds is < 1 or > 3600)
        {
            errors.Add($"{OtlpOptions.Section}:IntervalSeconds must be between 1 and 3600, not {options.IntervalSeconds}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
