// A C face of dlib (a C++ template library Swift cannot import): the HOG frontal face
// detector and the 68-point shape predictor, on 8-bit gray images the caller owns.
#ifndef CDLIBSHIM_H
#define CDLIBSHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A detector plus a loaded landmark model. Not safe for concurrent use: callers serialise.
typedef struct CDlib_Analyzer CDlib_Analyzer;

/// A face box in pixels (right and bottom inclusive, as dlib gives them) and the HOG
/// detector's confidence (larger is surer; 0 is its default threshold).
typedef struct {
    long left, top, right, bottom;
    double confidence;
} CDlib_Rect;

/// Loads the landmark model (dlib's shape_predictor_68_face_landmarks.dat). NULL on
/// failure, with the reason in `error` (always NUL-terminated when error_size > 0).
CDlib_Analyzer *CDlib_analyzer_create(const char *model_path, char *error, size_t error_size);

void CDlib_analyzer_destroy(CDlib_Analyzer *analyzer);

/// Faces in a gray image of width × height bytes, rows packed. Writes up to max_rects
/// boxes, strongest first, and returns how many faces were found (which may be more), or
/// -1 if dlib failed.
int CDlib_detect(CDlib_Analyzer *analyzer, const unsigned char *gray, int width, int height,
                 CDlib_Rect *rects, int max_rects);

/// The 68 landmarks (iBUG 300-W order) of the face in `rect`: 136 doubles, x then y for
/// each point. Returns 0, or -1 if dlib failed.
int CDlib_landmarks(CDlib_Analyzer *analyzer, const unsigned char *gray, int width, int height,
                    CDlib_Rect rect, double *points);

#ifdef __cplusplus
}
#endif

#endif
