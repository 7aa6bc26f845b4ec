using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Api;

/// <summary>
/// Every ProblemDetails the app writes — through <see cref="IProblemDetailsService"/>, <c>TypedResults.Problem</c> or
/// the exception handler — carries the request's <c>correlationId</c> (the <c>X-Correlation-Id</c> header, the id in
/// the logs) and no second id, so the id a client quotes is the one the logs are searched by.
/// </summary>
internal static class ApiProblems
{
    public const string CorrelationIdField = "correlationId";

    public static IServiceCollection AddApiProblems(this IServiceCollection services)
    {
        // Registered ahead of the framework's writer so that an API problem is JSON whatever the Accept header says.
        services.AddSingleton<IProblemDetailsWriter, ApiProblemDetailsWriter>();
        return services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // The framework's writer and TypedResults.Problem add traceId (the W3C id with span, or the connection id).
            context.ProblemDetails.Extensions.Remove("traceId");
            context.ProblemDetails.Extensions[CorrelationIdField] = CorrelationId.Of(context.HttpContext);
        });
    }

    /// <summary>
    /// Whether the request is an API call; after an exception the request already points at the error page and the
    /// exception handler's feature keeps the path that was asked for.
    /// </summary>
    public static bool IsApiRequest(HttpContext context)
    {
        var path = context.Features.Get<IExceptionHandlerFeature>()?.Path ?? context.Request.Path.Value;
        return new PathString(path).StartsWithSegments(TransactionsApi.Root);
    }

    /// <summary>Writes the problem with the response's status; <c>Status</c> is taken from the problem when set.</summary>
    public static ValueTask WriteAsync(HttpContext context, ProblemDetails problem, Exception? exception = null)
    {
        context.Response.StatusCode = problem.Status ??= context.Response.StatusCode;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private sealed class ApiProblemDetailsWriter(IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => IsApiRequest(context.HttpContext);

        public async ValueTask WriteAsync(ProblemDetailsContext context)
        {
            var problem = context.ProblemDetails;
            problem.Status ??= context.HttpContext.Response.StatusCode;
            options.Value.CustomizeProblemDetails?.Invoke(context);
            await context.HttpContext.Response.WriteAsJsonAsync(
                problem, problem.GetType(), options: null, contentType: "application/problem+json", context.HttpContext.RequestAborted);
        }
    }
}
