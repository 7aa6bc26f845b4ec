using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace ServiceExcellence.Application.Common.Behaviours;

/// <summary>Logs each message's type and elapsed time — never its content, which may hold personal data.</summary>
public sealed class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private const int SlowMilliseconds = 500;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var name = typeof(TMessage).Name;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var level = elapsed > SlowMilliseconds ? LogLevel.Warning : LogLevel.Information;
            logger.Log(level, "Handled {Message} in {ElapsedMs:0.0} ms", name, elapsed);
            return response;
        }
        catch (Exception ex) when (ex is FluentValidation.ValidationException or Exceptions.NotFoundException or Exceptions.ConflictException or Domain.Common.DomainException)
        {
            logger.LogInformation("Rejected {Message} after {ElapsedMs:0.0} ms: {Reason}", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            throw;
        }
    }
}
