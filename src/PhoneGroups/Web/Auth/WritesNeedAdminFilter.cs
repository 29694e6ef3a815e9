using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using PhoneGroups.Store;

namespace PhoneGroups.Web.Auth;

/// <summary>
/// Viewers see every page and change nothing: any POST to a console page but sign-in and sign-out needs the
/// admin role, checked here in one place rather than in each handler.
/// </summary>
internal sealed class WritesNeedAdminFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var page = context.ActionDescriptor.ViewEnginePath;
        if (HttpMethods.IsPost(context.HttpContext.Request.Method) && page is not ("/SignIn" or "/SignOut") && !context.HttpContext.User.IsInRole(ApiRoles.Admin))
        {
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status403Forbidden,
                ContentType = "text/plain; charset=utf-8",
                Content = "Forbidden: your console account is a viewer; it may look, not change.",
            };
            return;
        }

        await next().ConfigureAwait(false);
    }
}
