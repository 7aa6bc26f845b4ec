using FluentValidation;
using Mediator;

namespace ServiceExcellence.Application.Common.Behaviours;

/// <summary>Runs every validator of the message; any failure stops it before the handler with a <see cref="ValidationException"/>.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TMessage>(message), cancellationToken);
            failures.AddRange(result.Errors);
        }

        return failures.Count == 0 ? await next(message, cancellationToken) : throw new ValidationException(failures);
    }
}
