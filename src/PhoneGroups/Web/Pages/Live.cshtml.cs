namespace PhoneGroups.Web.Pages;

/// <summary>Calls in progress and the last decisions, streamed by Server-Sent Events (<c>/live/events</c>) into the tables by the script.</summary>
public sealed class LiveModel : ConsolePage
{
    public void OnGet()
    {
    }
}
