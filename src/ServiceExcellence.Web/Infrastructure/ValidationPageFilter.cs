using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.Web.Infrastructure;

/// <summary>A page that looks at an unreadable form itself (for example to refuse a bad secret link first).</summary>
public interface IChecksOwnModelState
{
}

/// <summary>A page whose form has drop-down lists or other data to load again when it is shown with errors.</summary>
public interface IHasFormOptions
{
    Task LoadFormOptionsAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Turns what a person can get wrong into messages on the page they are on: binding errors and
/// validation failures become field messages under the form bound as <c>Input</c>; broken business
/// rules and edit conflicts become a message at the top of the form; an unknown record becomes a 404.
/// Nothing is stored in any of these cases. A page with several forms binds each to a property named like
/// its handler (<c>OnPostRecoveryAsync</c> → <c>Recovery</c>); its field messages use that prefix.
/// </summary>
internal sealed class ValidationPageFilter(ILogger<ValidationPageFilter> logger) : IAsyncPageFilter
{
    private const string FormPrefix = "Input";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var isPost = HttpMethods.IsPost(context.HttpContext.Request.Method);
        if (isPost && !context.ModelState.IsValid && context.HandlerInstance is PageModel and not IChecksOwnModelState)
        {
            logger.LogInformation("Form on {Page} rejected: {Count} field errors", context.ActionDescriptor.ViewEnginePath, context.ModelState.ErrorCount);
            await ReloadAsync(context.HandlerInstance, context.HttpContext.RequestAborted);
            context.Result = new PageResult();
            return;
        }

        var handler = context.HandlerMethod?.Name;
        var prefix = handler is not null && context.HandlerInstance.GetType().GetProperty(handler) is not null ? handler : FormPrefix;
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled)
        {
            return;
        }

        switch (executed.Exception)
        {
            case ValidationException validation when isPost:
                foreach (var error in validation.Errors)
                {
                    var key = string.IsNullOrEmpty(error.PropertyName) ? string.Empty : $"{prefix}.{error.PropertyName}";
                    executed.ModelState.AddModelError(key, error.ErrorMessage);
                }

                break;
            case DomainException or ConflictException when isPost:
                executed.ModelState.AddModelError(string.Empty, executed.Exception.Message);
                break;
            case NotFoundException:
                executed.Result = new NotFoundResult();
                executed.ExceptionHandled = true;
                return;
            case ForbiddenException:
                executed.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
                executed.ExceptionHandled = true;
                return;
            default:
                return;
        }

        logger.LogInformation("Form on {Page} rejected: {Reason}", context.ActionDescriptor.ViewEnginePath, executed.Exception.GetType().Name);
        await ReloadAsync(context.HandlerInstance, context.HttpContext.RequestAborted);
        executed.Result = new PageResult();
        executed.ExceptionHandled = true;
    }

    private static Task ReloadAsync(object page, CancellationToken cancellationToken) =>
        page is IHasFormOptions form ? form.LoadFormOptionsAsync(cancellationToken) : Task.CompletedTask;
}
