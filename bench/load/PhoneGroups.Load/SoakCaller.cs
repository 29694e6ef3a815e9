using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Load;

/// <summary>
/// Places one call of a given kind "as an extension" (a Local channel into phonegroups-test, like
/// the integration tests' ControllerHarness.PlaceCallAsync), hangs it up at a random moment of the
/// state its kind names, and waits until Asterisk says the controller's side of it is gone.
/// </summary>
public sealed class SoakCaller(IAriClient ari, CallTracker tracker)
{
    /// <summary>Whether the call ended in time (false: it was left up, which the soak counts as a failure).</summary>
    public async Task<bool> PlaceAsync(SoakCallKind kind, Random random, TimeSpan endTimeout)
    {
        var (from, to) = kind switch
        {
            SoakCallKind.Ringing => ("2001", "2097"),
            SoakCallKind.DenialPrompt => ("1001", "2001"),
            SoakCallKind.PasswordChallenge => ("2001", "5550123"),
            _ => ("2001", "2098"),
        };
        var phone = "soak-" + Guid.NewGuid().ToString("N")[..12];
        var call = phone + "-call";
        var (bridged, destroyed) = tracker.Watch(call);
        try
        {
            await ari.OriginateAsync(new OriginateRequest($"Local/{to}@phonegroups-test")
            {
                CallerId = from,
                Context = "phonegroups-sim",
                Extension = "answer",
                Priority = 1,
                ChannelId = phone,
                OtherChannelId = call,
                Timeout = 30,
            });
            var calleeHangsUp = random.Next(2) == 0;
            switch (kind)
            {
                case SoakCallKind.Deciding:
                    await Task.Delay(random.Next(3));
                    break;
                case SoakCallKind.Ringing:
                    await Task.Delay(random.Next(20, 400));
                    break;
                case SoakCallKind.DenialPrompt or SoakCallKind.PasswordChallenge:
                    await Task.Delay(random.Next(0, 1500));
                    calleeHangsUp = false;
                    break;
                case SoakCallKind.Bridged:
                    await Task.WhenAny(bridged, destroyed, Task.Delay(endTimeout));
                    await Task.Delay(random.Next(0, 300));
                    break;
            }

            // The callee's side: the controller's first leg of this call (LegIds); the caller: the phone.
            if (!calleeHangsUp || !await ari.HangupAsync(call + "-leg1"))
            {
                await ari.HangupAsync(phone);
            }

            return await Task.WhenAny(destroyed, Task.Delay(endTimeout)) == destroyed;
        }
        finally
        {
            tracker.Forget(call);
        }
    }
}
