using Microsoft.Extensions.Options;

namespace PhoneGroups.Configuration;

/// <summary>Checks the call settings at start-up; every message names the configuration key.</summary>
internal sealed class CallOptionsValidation : IValidateOptions<CallOptions>
{
    public ValidateOptionsResult Validate(string? name, CallOptions options)
    {
        var errors = new List<string>();
        var section = CallOptions.Section;
        if (options.RingTimeoutSeconds is < 1 or > 600)
        {
            errors.Add($"{section}:RingTimeoutSeconds must be between 1 and 600, not {options.RingTimeoutSeconds}");
        }

        if (options.DenialCause is < 1 or > 127)
        {
            errors.Add($"{section}:DenialCause must be a Q.850 cause between 1 and 127, not {options.DenialCause}");
        }

        if (string.IsNullOrWhiteSpace(options.DenialPrompt))
        {
            errors.Add($"{section}:DenialPrompt must name a sound, e.g. phonegroups-forbidden");
        }

        if (string.IsNullOrWhiteSpace(options.FallbackPrompt))
        {
            errors.Add($"{section}:FallbackPrompt must name a sound, e.g. ss-noservice");
        }

        if (options.TrustCallerIdNumber)
        {
            errors.Add($"{section}:TrustCallerIdNumber trusted every caller ID and is gone: list the endpoints whose caller ID you trust in {section}:TrustCallerIdFrom (e.g. PJSIP/branch-office)");
        }

        foreach (var endpoint in options.TrustCallerIdFrom)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(endpoint ?? string.Empty, @"^PJSIP/[^\s/,&]+$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                errors.Add($"{section}:TrustCallerIdFrom holds '{endpoint}', which is not a PJSIP endpoint like PJSIP/branch-office");
            }
        }

        if (options.ShutdownTimeoutSeconds is < 0 or > 300)
        {
            errors.Add($"{section}:ShutdownTimeoutSeconds must be between 0 and 300, not {options.ShutdownTimeoutSeconds}");
        }

        if (options.TransferSettleMilliseconds is < 0 or > 5000)
        {
            errors.Add($"{section}:TransferSettleMilliseconds must be between 0 and 5000, not {options.TransferSettleMilliseconds}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
