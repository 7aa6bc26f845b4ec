using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace ServiceExcellence.Web.Api;

/// <summary>
/// Every answer over a rate limit carries Retry-After; an API call gets a 429 ProblemDetails that says whether its
/// key or its address is over the limit, pages keep the friendly status page.
/// </summary>
internal static class ApiRateLimitRejection
{
    public static async ValueTask WriteAsync(OnRejectedContext context, bool addressOverLimit)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (!http.Request.Path.StartsWithSegments(TransactionsApi.Root))
        {
            return;
        }

        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = addressOverLimit ? "Too many requests from this address." : "Too many requests for this API key.",
            Detail = "Slow down and try again after the number of seconds in Retry-After; send many transactions at once through /api/v1/transactions/batch.",
        };
        await ApiProblems.WriteAsync(http, problem);
    }
}
