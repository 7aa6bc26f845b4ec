using System.Diagnostics;
using Serilog.Context;

namespace ServiceExcellence.Web.Infrastructure;

/// <summary>
/// One id per request, in every log line the request writes, in the <c>X-Correlation-Id</c> response header,
/// on the error page and in API problem answers, so a person quoting it leads straight to the logs. It is the
/// W3C trace id: a caller that sends <c>traceparent</c> finds its own trace id in the app's logs.
/// </summary>
public sealed class CorrelationId(RequestDelegate next)
{
    public const string Header = "X-Correlation-Id";
    public const string LogProperty = "CorrelationId";

    /// <summary>The current request's id.</summary>
    public static string Of(HttpContext context) =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.TraceId.ToHexString() : context.TraceIdentifier;

    public async Task InvokeAsync(HttpContext context)
    {
        // ASP.NET Core starts a request activity only when something listens (logging of its hosting events,
        // a tracer); without one the request gets its own, continuing the caller's trace when it sent one.
        using var own = Activity.Current is null ? StartActivity(context) : null;
        var id = Of(context);
        context.Response.Headers[Header] = id;
        // Again as the answer starts: the exception handler clears the headers before it writes the error answer.
        context.Response.OnStarting(static state =>
        {
            var (http, value) = ((HttpContext, string))state;
            http.Response.Headers[Header] = value;
            return Task.CompletedTask;
        }, (context, id));
        using (LogContext.PushProperty(LogProperty, id))
        {
            await next(context);
        }
    }

    private static Activity StartActivity(HttpContext context)
    {
        var activity = new Activity("ServiceExcellence.Request");
        activity.SetIdFormat(ActivityIdFormat.W3C);
        if (ActivityContext.TryParse(context.Request.Headers.TraceParent.ToString(), null, out var caller))
        {
            activity.SetParentId(caller.TraceId, caller.SpanId, caller.TraceFlags);
        }

        return activity.Start();
    }
}
