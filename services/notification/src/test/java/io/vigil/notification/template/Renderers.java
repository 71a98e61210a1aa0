package io.vigil.notification.template;

import io.quarkus.qute.Engine;

/** A renderer on a plain Qute engine set up as Quarkus sets up its own: defaults and strict rendering. */
final class Renderers {

    private Renderers() {
    }

    static TemplateRenderer strict() {
        return new TemplateRenderer(Engine.builder().addDefaults().strictRendering(true).build());
    }
}
