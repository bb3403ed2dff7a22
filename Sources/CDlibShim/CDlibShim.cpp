#include "CDlibShim.h"

#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <vector>

struct CDlib_Analyzer {
    dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
    dlib::shape_predictor predictor;
    // Reused between frames so live analysis does not allocate a frame's worth each time.
    dlib::array2d<unsigned char> image;
};

namespace {

void copy_into(dlib::array2d<unsigned char> &image, const unsigned char *gray, int width, int height) {
    image.set_size(height, width);
    for (int y = 0; y < height; ++y) {
        std::copy(gray + static_cast<size_t>(y) * width, gray + static_cast<size_t>(y + 1) * width, &image[y][0]);
    }
}

void set_error(char *error, size_t size, const char *message) {
    if (error && size > 0) std::snprintf(error, size, "%s", message);
}

}  // namespace

extern "C" CDlib_Analyzer *CDlib_analyzer_create(const char *model_path, char *error, size_t error_size) {
    set_error(error, error_size, "");
    try {
        auto *analyzer = new CDlib_Analyzer();
        try {
            dlib::deserialize(model_path) >> analyzer->predictor;
        } catch (...) {
            delete analyzer;
            throw;
        }
        if (analyzer->predictor.num_parts() != 68) {
            delete analyzer;
            set_error(error, error_size, "the model does not have 68 landmarks");
            return nullptr;
        }
        return analyzer;
    } catch (const std::exception &failure) {
        set_error(error, error_size, failure.what());
    } catch (...) {
        set_error(error, error_size, "unknown dlib failure");
    }
    return nullptr;
}

extern "C" void CDlib_analyzer_destroy(CDlib_Analyzer *analyzer) { delete analyzer; }

extern "C" int CDlib_detect(CDlib_Analyzer *analyzer, const unsigned char *gray, int width, int height,
                            CDlib_Rect *rects, int max_rects) {
    if (!analyzer || !gray || width <= 0 || height <= 0) return -1;
    try {
        copy_into(analyzer->image, gray, width, height);
        std::vector<dlib::rect_detection> found;
        analyzer->detector(analyzer->image, found);
        std::sort(found.begin(), found.end(), [](const dlib::rect_detection &a, const dlib::rect_detection &b) {
            return a.detection_confidence > b.detection_confidence;
        });
        const int count = static_cast<int>(found.size());
        for (int index = 0; index < std::min(count, max_rects); ++index) {
            const auto &box = found[index].rect;
            rects[index] = CDlib_Rect{box.left(), box.top(), box.right(), box.bottom(), found[index].detection_confidence};
        }
        return count;
    } catch (...) {
        return -1;
    }
}

extern "C" int CDlib_landmarks(CDlib_Analyzer *analyzer, const unsigned char *gray, int width, int height,
                               CDlib_Rect rect, double *points) {
    if (!analyzer || !gray || !points || width <= 0 || height <= 0) return -1;
    try {
        copy_into(analyzer->image, gray, width, height);
        const dlib::rectangle box(rect.left, rect.top, rect.right, rect.bottom);
        const auto shape = analyzer->predictor(analyzer->image, box);
        for (unsigned long part = 0; part < shape.num_parts() && part < 68; ++part) {
            points[2 * part] = static_cast<double>(shape.part(part).x());
            points[2 * part + 1] = static_cast<double>(shape.part(part).y());
        }
        return 0;
    } catch (...) {
        return -1;
    }
}
