using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ServiceExcellence.Web.Pages;

/// <summary>The friendly page for 4xx answers; the original request may be a GET or a POST.</summary>
[ValidateAntiforgeryUnlessReExecuted]
public sealed class StatusCodeModel : PageModel
{
    public string Title => Describe().Title;

    public string Explanation => Describe().Explanation;

    private (string Title, string Explanation) Describe() =>
        (int.TryParse(Request.Query["code"], out var code) ? code : 404) switch
        {
            StatusCodes.Status400BadRequest => ("The request could not be read", "The form may have expired or held characters it cannot take. Go back, reload the page and try again."),
            StatusCodes.Status403Forbidden => ("You do not have access to this page", "Your role does not include it."),
            StatusCodes.Status429TooManyRequests => ("Too many requests", "Please wait a minute and try again."),
            _ => ("Page not found", "The page or record you asked for does not exist, or you may not see it."),
        };

    /// <summary>
    /// The status page is re-executed with the failed request's own method and form. A form refused for a missing
    /// or expired antiforgery token (or one the server could not read) would fail the same check here again and end
    /// as a blank 400, so a re-executed request is not checked; a POST sent to this page directly still is.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class)]
    private sealed class ValidateAntiforgeryUnlessReExecutedAttribute : Attribute, IAsyncAuthorizationFilter, IAntiforgeryPolicy
    {
        public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
        {
            var http = context.HttpContext;
            if (http.Features.Get<IStatusCodeReExecuteFeature>() is not null
                || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method))
            {
                return;
            }

            if (!await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                context.Result = new AntiforgeryValidationFailedResult();
            }
        }
    }
}
