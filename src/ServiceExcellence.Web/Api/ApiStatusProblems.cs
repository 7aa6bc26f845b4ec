using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace ServiceExcellence.Web.Api;

/// <summary>
/// An API request that ends in an error without a body — an unknown path under <c>/api</c> outside <c>/api/v1</c>, a
/// refusal without a body — gets a ProblemDetails instead of the staff app's status page. (A method a path under
/// <c>/api/v1</c> does not take never gets here: the catch-all route of <see cref="TransactionsApi"/> answers it
/// 404.) The status page is re-executed with the request's own method, so a POST would otherwise reach a Razor page and fail its
/// antiforgery check: the client saw a bare 400 that said nothing.
/// </summary>
internal sealed class ApiStatusProblems(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(TransactionsApi.Root))
        {
            await next(context);
            return;
        }

        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        await next(context);

        var status = context.Response.StatusCode;
        if (status < 400 || context.Response.HasStarted || context.Response.ContentType is not null || context.Response.ContentLength > 0)
        {
            return;
        }

        var problem = new ProblemDetails
        {
            Status = status,
            Title = status switch
            {
                StatusCodes.Status401Unauthorized => "A valid API key is required.",
                StatusCodes.Status404NotFound => "No API endpoint has this path.",
                _ => ReasonPhrases.GetReasonPhrase(status),
            },
        };
        await ApiProblems.WriteAsync(context, problem);
    }
}
