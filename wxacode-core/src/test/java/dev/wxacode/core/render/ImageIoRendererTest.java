package dev.wxacode.core.render;

class ImageIoRendererTest extends RendererContract {
    @Override
    Renderer renderer() {
        return new ImageIoRenderer();
    }
}
