using Microsoft.AspNetCore.Http;
using PhoneGroups.Documents;
using PhoneGroups.Store;

namespace PhoneGroups.Api;

/// <summary>Turns the store's and editor's refusals into problem details; anything else stays a 500 without internals.</summary>
internal sealed class ApiExceptionFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (EditException e)
        {
            return ApiProblems.Problem(e.Status, e.Title, e.Message, e.Path is null ? null : new Dictionary<string, object?> { ["path"] = e.Path });
        }
        catch (PolicyTreeException e)
        {
            return ApiProblems.Problem(400, "Not a policy document", e.Message, new Dictionary<string, object?> { ["line"] = e.Line });
        }
        catch (PolicyRejectedByLoaderException e)
        {
            return ApiProblems.Invalid(e.Errors);
        }
        catch (StaleRevisionException e)
        {
            context.HttpContext.Response.Headers.ETag = ApiEtag.Of(e.Latest);
            return ApiProblems.Problem(412, "Precondition failed", e.Message);
        }
        catch (RevisionConflictException e)
        {
            return ApiProblems.Problem(409, "Conflict", e.Message + "; try again");
        }
        catch (StoreReadOnlyException e)
        {
            return ApiProblems.Problem(409, "The policy is managed as a file", e.Message);
        }
    }
}
