namespace PhoneGroups.Calls;

/// <summary>A call that comes back after a context route gets its own caller ID again.</summary>
internal static class CallerIdRestore
{
    public static async Task RestoreAsync(Call call, CallEvidence evidence, CancellationToken cancellationToken)
    {
        var original = evidence[ChannelVariables.OriginalCallerId];
        if (original is null)
        {
            return;
        }

        await call.Services.Ari.SetVariableAsync(call.Id, "CALLERID(num)", original, cancellationToken).ConfigureAwait(false);
        await call.Services.Ari.SetVariableAsync(call.Id, ChannelVariables.OriginalCallerId, string.Empty, cancellationToken).ConfigureAwait(false);
        call.Caller = call.Caller with { Caller = call.Caller.Caller with { Number = original } };
    }
}
