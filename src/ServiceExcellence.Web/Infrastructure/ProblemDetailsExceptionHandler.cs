using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Web.Api;

namespace ServiceExcellence.Web.Infrastructure;

/// <summary>Answers API calls that fail with a ProblemDetails body; pages fall through to the friendly error page.</summary>
internal sealed class ProblemDetailsExceptionHandler(ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!ApiProblems.IsApiRequest(httpContext))
        {
            return false;
        }

        var path = httpContext.Features.Get<IExceptionHandlerFeature>()?.Path ?? httpContext.Request.Path.Value;

        ProblemDetails problem = exception switch
        {
            ValidationException validation => new ValidationProblemDetails(
                validation.Errors.GroupBy(e => ToCamelCase(e.PropertyName)).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request has invalid fields.",
            },
            DomainException => new ProblemDetails { Status = StatusCodes.Status422UnprocessableEntity, Title = "The request breaks a business rule.", Detail = exception.Message },
            NotFoundException => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found.", Detail = exception.Message },
            ForbiddenException => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden.", Detail = exception.Message },
            ConflictException => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict.", Detail = exception.Message },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read." },
            _ when DatabaseBusy.Is(exception) => new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "Busy.", Detail = DatabaseBusy.Message },
            _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." },
        };

        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled error on {Path}", path);
        }
        else
        {
            logger.LogInformation("API request to {Path} rejected with {Status}: {Reason}", path, problem.Status, exception.GetType().Name);
        }

        // The API's problem writer answers JSON whatever the Accept header says and adds the correlation id.
        await ApiProblems.WriteAsync(httpContext, problem, exception);
        return true;
    }

    private static string ToCamelCase(string name) =>
        string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
