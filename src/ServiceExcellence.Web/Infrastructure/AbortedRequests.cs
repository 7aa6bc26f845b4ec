using Serilog.Events;

namespace ServiceExcellence.Web.Infrastructure;

/// <summary>
/// A request whose client went away (closed the connection or gave up waiting) ends with the operation it was waiting on
/// cancelled. That is not the app's error: the exception handler answers it with 499 and no log, and the request log records
/// it as 499 at Information — not as a 500 at Error, which under load would look like a failure and wake someone up.
/// </summary>
internal static class AbortedRequests
{
    public static bool Is(HttpContext context, Exception? exception) =>
        exception is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested;

    /// <summary>The level of the request's log event: Serilog's default, except for a request the client abandoned.</summary>
    public static LogEventLevel LevelOf(HttpContext context, double elapsedMilliseconds, Exception? exception) =>
        Is(context, exception) ? LogEventLevel.Information
        : exception is not null || context.Response.StatusCode > 499 ? LogEventLevel.Error
        : LogEventLevel.Information;

    /// <summary>The status to log: the request log reports 500 for any exception, 499 (client closed request) when it was this.</summary>
    public static int StatusOf(HttpContext context, int status) =>
        status == StatusCodes.Status500InternalServerError && context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted
            ? StatusCodes.Status499ClientClosedRequest
            : status;
}
